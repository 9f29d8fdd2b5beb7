package dev.pilothouse.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small stand-in for the Pilothouse API on a loopback port: fixed routes, a resource store for
 * everything under {@code /apis}, and a record of every request received.
 */
final class FakeApi implements AutoCloseable {
  /** One received request. */
  record Request(String method, String path, String query, String authorization, String body) {}

  /** Answers one request; may stream. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  static final String KINDS =
      """
      {"items":[
       {"group":"","version":"v1","kind":"ConfigMap","plural":"configmaps","namespaced":true},
       {"group":"argoproj.io","version":"v1alpha1","kind":"Rollout","plural":"rollouts",
        "namespaced":true,"statusSubresource":true}]}
      """;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  final FakeResources resources = new FakeResources();

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
    on("GET", "/api/v1/kinds", 200, KINDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void on(String method, String path, int status, String body) {
    on(method, path, exchange -> respond(exchange, status, body));
  }

  void on(String method, String path, Handler handler) {
    routes.put(method + " " + path, handler);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests other than discovery. */
  List<Request> writes() {
    return requests().stream().filter(r -> !r.method().equals("GET")).toList();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    synchronized (this) {
      requests.add(
          new Request(
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
    }
    Handler handler = routes.get(method + " " + path);
    if (handler != null) {
      handler.handle(exchange);
    } else if (path.startsWith("/apis/")) {
      FakeResources.Response r = resources.handle(method, path, exchange.getRequestURI(), body);
      respond(exchange, r.status(), r.body());
    } else {
      respond(exchange, 404, problem(404, "Not Found", "no route " + path));
    }
  }

  static String problem(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\""
        + title
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + detail
        + "\"}";
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String type = status >= 400 ? "application/problem+json" : "application/json";
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
