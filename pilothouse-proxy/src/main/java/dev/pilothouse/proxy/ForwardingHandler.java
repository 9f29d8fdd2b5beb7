package dev.pilothouse.proxy;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * Forwards each request of one listener to a backend chosen from the route table current at the
 * request's start, streaming both bodies. Runs on the event loop and never blocks; no retries,
 * since a retried non-idempotent request could run twice.
 */
final class ForwardingHandler implements Handler<HttpServerRequest> {

  /** Recorded when the client closed its connection before the answer (nginx's 499). */
  private static final int CLIENT_CLOSED = 499;

  private final String service;
  private final RouteTables tables;
  private final HttpClient client;
  private final ProxyMetrics metrics;
  private final ProxyOptions options;

  ForwardingHandler(
      String service,
      RouteTables tables,
      HttpClient client,
      ProxyMetrics metrics,
      ProxyOptions options) {
    this.service = service;
    this.tables = tables;
    this.client = client;
    this.metrics = metrics;
    this.options = options;
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    Backend backend = tables.current().route(service).flatMap(Route::pick).orElse(null);
    if (backend == null) {
      request.response().setStatusCode(503).end("no backend for service " + service + "\n");
      return;
    }
    Exchange exchange = new Exchange(request, backend, start);
    request.pause();
    client
        .request(requestOptions(request, backend))
        .onSuccess(upstream -> sendUpstream(exchange, upstream))
        .onFailure(failure -> badGateway(exchange));
  }

  private RequestOptions requestOptions(HttpServerRequest request, Backend backend) {
    RequestOptions out =
        new RequestOptions()
            .setHost(backend.host())
            .setPort(backend.port())
            .setMethod(request.method())
            .setURI(request.uri())
            .setConnectTimeout(options.connectTimeout().toMillis())
            .setIdleTimeout(options.idleTimeout().toMillis());
    // RequestOptions has no header map until one is set.
    MultiMap headers = HttpHeaders.headers();
    Headers.copyEndToEnd(request.headers(), headers);
    out.setHeaders(headers);
    SocketAddress remote = request.remoteAddress();
    String client = remote == null ? "unknown" : remote.hostAddress();
    out.putHeader(
        "X-Forwarded-For", Headers.forwardedFor(request.getHeader("X-Forwarded-For"), client));
    return out;
  }

  private void sendUpstream(Exchange exchange, HttpClientRequest upstream) {
    HttpServerRequest request = exchange.request();
    HostAndPort authority = request.authority();
    if (authority != null) {
      upstream.authority(authority);
    }
    upstream.response().onSuccess(response -> relay(exchange, response));
    upstream.response().onFailure(failure -> badGateway(exchange));
    if (hasBody(request)) {
      upstream.setChunked(!request.headers().contains(HttpHeaders.CONTENT_LENGTH));
      request.pipeTo(upstream);
    } else {
      request.resume();
      upstream.end();
    }
  }

  private void relay(Exchange exchange, HttpClientResponse upstream) {
    HttpServerResponse response = exchange.request().response();
    if (response.closed()) {
      // The client went away while the backend was answering: nothing left to relay to.
      record(exchange, CLIENT_CLOSED);
      upstream.request().reset();
      return;
    }
    response.setStatusCode(upstream.statusCode()).setStatusMessage(upstream.statusMessage());
    Headers.copyEndToEnd(upstream.headers(), response.headers());
    if (!upstream.headers().contains(HttpHeaders.CONTENT_LENGTH)
        && mayHaveBody(exchange, upstream)) {
      response.setChunked(true);
    }
    upstream.pipeTo(response).onComplete(done -> record(exchange, upstream.statusCode()));
  }

  private void badGateway(Exchange exchange) {
    record(exchange, 502); // before the answer leaves, so a client reading metrics next sees it
    HttpServerResponse response = exchange.request().response();
    if (response.closed() || response.ended()) {
      return;
    }
    if (response.headWritten()) {
      // The status is already on the wire: the only honest signal left is a reset.
      response.reset();
    } else {
      exchange.request().resume();
      response.setStatusCode(502).putHeader("Content-Type", "text/plain").end("bad gateway\n");
    }
  }

  private void record(Exchange exchange, int status) {
    if (exchange.recorded()) {
      return;
    }
    metrics.record(
        service, exchange.backend().version(), status, System.nanoTime() - exchange.start());
  }

  private static boolean hasBody(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.CONTENT_LENGTH)
        ? !"0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH))
        : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  private static boolean mayHaveBody(Exchange exchange, HttpClientResponse upstream) {
    int status = upstream.statusCode();
    return exchange.request().method() != HttpMethod.HEAD && status != 204 && status != 304;
  }
}
