package dev.pilothouse.server.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scrape target on loopback exposing {@code http_requests_total{job, status}} counters in the
 * Prometheus text format. Each scrape adds each job's per-status increments, so {@code rate()}
 * gives a stable success ratio per job.
 */
public final class FakeApp implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Map<String, Long>> increments = new ConcurrentHashMap<>();
  private final Map<String, Long> totals = new ConcurrentHashMap<>();
  private final Map<String, Double> gauges = new ConcurrentHashMap<>();

  private FakeApp(HttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code /metrics} on a free loopback port. */
  public static FakeApp start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeApp app = new FakeApp(server);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = app.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return app;
  }

  /** Per scrape, job {@code job} serves {@code ok} 200s and {@code errors} 500s. */
  public FakeApp serve(String job, long ok, long errors) {
    increments.put(job, Map.of("200", ok, "500", errors));
    return this;
  }

  /** Also exposes gauge {@code name} (no labels) with {@code value} from now on. */
  public FakeApp gauge(String name, double value) {
    gauges.put(name, value);
    return this;
  }

  /** The {@code host:port} to scrape. */
  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized String scrape() {
    StringBuilder out = new StringBuilder("# TYPE http_requests_total counter\n");
    increments.forEach((job, byStatus) ->
        byStatus.forEach((status, n) -> {
          String series = "http_requests_total{job=\"%s\",status=\"%s\"}".formatted(job, status);
          long total = totals.merge(series, n, Long::sum);
          out.append(series).append(' ').append(total).append('\n');
        }));
    gauges.forEach((name, v) ->
        out.append("# TYPE ")
            .append(name)
            .append(" gauge\n")
            .append(name)
            .append(' ')
            .append(v)
            .append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
