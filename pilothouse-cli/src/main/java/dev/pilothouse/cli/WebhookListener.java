package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP endpoint of a Git sync that takes push webhooks: {@code POST /hooks/git}. Each delivery
 * is judged by {@link PushWebhook}; an accepted push asks the {@link SyncTrigger} for a pass. This
 * class is the one place where verdicts become HTTP answers: 202 with a JSON body for accepted and
 * ignored deliveries, {@code application/problem+json} naming the header or field otherwise.
 */
final class WebhookListener implements AutoCloseable {
  /** The path deliveries go to. */
  static final String PATH = "/hooks/git";

  /** GitHub caps payloads at 25 MB; anything larger is not one of its deliveries. */
  static final int MAX_BODY = 25 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final PushWebhook webhook;
  private final SyncTrigger trigger;
  private final PrintWriter out;

  private WebhookListener(
      HttpServer server, PushWebhook webhook, SyncTrigger trigger, PrintWriter out) {
    this.server = server;
    this.webhook = webhook;
    this.trigger = trigger;
    this.out = out;
  }

  /**
   * Listens on {@code address} until closed.
   *
   * @throws CliException when the address cannot be bound
   */
  static WebhookListener start(
      InetSocketAddress address, PushWebhook webhook, SyncTrigger trigger, PrintWriter out) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw CliException.failure("--webhook-listen " + address + ": " + e.getMessage());
    }
    WebhookListener listener = new WebhookListener(server, webhook, trigger, out);
    server.setExecutor(listener.executor);
    server.createContext("/", listener::handle);
    server.start();
    return listener;
  }

  /**
   * Reads {@code PORT}, {@code :PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}; without a host,
   * all interfaces (GitHub and GitLab call from outside).
   *
   * @throws CliException (usage) naming the option when it is not such an address
   */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 0 || number > 65535 || host.contains(":") && !text.contains("[")) {
      throw CliException.usage(
          "--webhook-listen " + text + ": expected [HOST:]PORT with a port from 0 to 65535");
    }
    return host.isEmpty() ? new InetSocketAddress(number) : new InetSocketAddress(host, number);
  }

  /** The bound port (useful with port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        problem(exchange, 404, "Not Found", "path", "deliveries go to POST " + PATH);
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        problem(exchange, 405, "Method Not Allowed", "method", "use POST");
      } else {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
          problem(exchange, 413, "Payload Too Large", "(body)", "over " + MAX_BODY + " bytes");
        } else {
          answer(exchange, webhook.verdict(exchange.getRequestHeaders()::getFirst, body));
        }
      }
    }
  }

  private void answer(HttpExchange exchange, WebhookVerdict verdict) throws IOException {
    switch (verdict) {
      case WebhookVerdict.Accepted a -> {
        boolean queued = trigger.request();
        out.println(
            "webhook: "
                + a.provider()
                + " push to "
                + a.ref()
                + (a.commit().isEmpty() ? "" : " (" + abbreviate(a.commit()) + ")")
                + (queued ? ", syncing now" : ", joins the pass already queued"));
        out.flush();
        ObjectNode body =
            Json.object()
                .put("status", "accepted")
                .put("ref", a.ref())
                .put("commit", a.commit())
                .put("queued", queued);
        json(exchange, 202, "application/json", body);
      }
      case WebhookVerdict.Ignored i ->
          json(
              exchange,
              202,
              "application/json",
              Json.object().put("status", "ignored").put("reason", i.reason()));
      case WebhookVerdict.Rejected r -> {
        out.println("webhook: refused (" + r.status() + "): " + r.field() + ": " + r.detail());
        out.flush();
        problem(
            exchange,
            r.status(),
            r.status() == 401 ? "Unauthorized" : "Bad Request",
            r.field(),
            r.detail());
      }
    }
  }

  private static String abbreviate(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  /** The body, or null when it is larger than {@link #MAX_BODY}. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? null : body;
  }

  /** An RFC 9457 problem naming the header or field at fault, in the server's shape. */
  private static void problem(
      HttpExchange exchange, int status, String title, String field, String detail)
      throws IOException {
    ObjectNode body =
        Json.object()
            .put("type", "https://pilothouse.dev/problems/" + slug(title))
            .put("title", title)
            .put("status", status)
            .put("detail", field + ": " + detail);
    body.putArray("errors").addObject().put("field", field).put("message", detail);
    json(exchange, status, "application/problem+json", body);
  }

  private static String slug(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
  }

  private static void json(HttpExchange exchange, int status, String type, ObjectNode body)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
