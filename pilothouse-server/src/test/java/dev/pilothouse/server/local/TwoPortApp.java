package dev.pilothouse.server.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test pod with two ports, as the local runtime maps them: {@code PORT_HTTP} answers {@code
 * "http"} (and 503 on {@code /ready}), {@code PORT_ADMIN} answers {@code "admin"} (and 200 on
 * {@code /ready}); {@code POST /close-http} on the admin port closes the http port, so a TCP
 * liveness probe on it fails.
 */
public final class TwoPortApp {
  private TwoPortApp() {}

  /** The command line that runs this app with the test class path. */
  public static List<String> command() {
    return List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-Xmx32m",
        "-cp",
        System.getProperty("java.class.path"),
        TwoPortApp.class.getName());
  }

  /** Starts both servers. */
  public static void main(String[] args) throws IOException {
    HttpServer http = server("PORT_HTTP");
    HttpServer admin = server("PORT_ADMIN");
    http.createContext("/ready", ex -> reply(ex, 503, "not here\n"));
    http.createContext("/", ex -> reply(ex, 200, "http\n"));
    admin.createContext("/ready", ex -> reply(ex, 200, "ready\n"));
    admin.createContext(
        "/close-http",
        ex -> {
          reply(ex, 200, "closing\n");
          http.stop(0);
        });
    admin.createContext("/", ex -> reply(ex, 200, "admin\n"));
    http.start();
    admin.start();
    System.out.println(
        "two-port app on http "
            + System.getenv("PORT_HTTP")
            + ", admin "
            + System.getenv("PORT_ADMIN")
            + " (PORT="
            + System.getenv("PORT")
            + ")");
  }

  private static HttpServer server(String env) throws IOException {
    int port = Integer.parseInt(System.getenv(env));
    return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
