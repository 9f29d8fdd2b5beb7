package dev.pilothouse.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A tiny loopback backend answering its version; {@code /echo} streams the body back. */
final class TestBackend implements AutoCloseable {

  private final HttpServer server;
  private final String version;
  private final int status;
  private final long delayMillis;
  final AtomicLong hits = new AtomicLong();
  volatile String lastForwardedFor;
  volatile String lastConnectionHeader;

  TestBackend(String version, int status, long delayMillis) throws IOException {
    this.version = version;
    this.status = status;
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::answer);
    server.createContext("/echo", this::echo);
    server.start();
  }

  static TestBackend answering(String version) throws IOException {
    return new TestBackend(version, 200, 0);
  }

  Backend backend(int weight) {
    return new Backend("127.0.0.1", server.getAddress().getPort(), version, weight);
  }

  private void answer(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    lastForwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    lastConnectionHeader = exchange.getRequestHeaders().getFirst("X-Hop");
    exchange.getRequestBody().readAllBytes();
    if (delayMillis > 0) {
      sleep();
    }
    byte[] body = (version + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Version", version);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void echo(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    exchange.sendResponseHeaders(200, 0);
    try (InputStream in = exchange.getRequestBody();
        OutputStream out = exchange.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
