package dev.pilothouse.server.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo service the local runtime runs for {@code image: pilothouse/demo:<version>}: a tiny HTTP
 * server on {@code PORT} whose behaviour is set by environment variables: {@code VERSION} (shown in
 * every answer), {@code ERROR_RATE} (share of requests answered 500, 0 to 1) and {@code LATENCY_MS}
 * (added to each request). {@code /healthz} always answers 200 and is never slowed or failed.
 */
public final class DemoApp {
  private DemoApp() {}

  /** Starts the server; it stops (finishing requests in flight) on SIGTERM. */
  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
    String version = env.getOrDefault("VERSION", "dev");
    double errorRate = Double.parseDouble(env.getOrDefault("ERROR_RATE", "0"));
    long latencyMs = Long.parseLong(env.getOrDefault("LATENCY_MS", "0"));
    AtomicLong served = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/healthz", ex -> reply(ex, 200, "ok\n"));
    server.createContext(
        "/",
        ex -> {
          if (latencyMs > 0) {
            sleep(latencyMs);
          }
          long n = served.incrementAndGet();
          if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
            reply(ex, 500, "{\"version\":\"" + version + "\",\"error\":\"injected failure\"}\n");
          } else {
            reply(ex, 200, "{\"version\":\"" + version + "\",\"request\":" + n + "}\n");
          }
        });
    server.start();
    System.out.printf(
        "demo %s listening on 127.0.0.1:%d (ERROR_RATE=%s, LATENCY_MS=%d)%n",
        version, port, errorRate, latencyMs);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.stop(1);
              System.out.printf("demo %s stopped after %d requests%n", version, served.get());
            }));
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
