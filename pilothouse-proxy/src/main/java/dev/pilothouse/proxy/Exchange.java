package dev.pilothouse.proxy;

import io.vertx.core.http.HttpServerRequest;

/**
 * One proxied request and the backend it was given at its start. Touched only on the request's
 * event loop, so the recorded flag needs no synchronization.
 */
final class Exchange {

  private final HttpServerRequest request;
  private final Backend backend;
  private final long start;
  private boolean recorded;

  Exchange(HttpServerRequest request, Backend backend, long start) {
    this.request = request;
    this.backend = backend;
    this.start = start;
  }

  HttpServerRequest request() {
    return request;
  }

  Backend backend() {
    return backend;
  }

  long start() {
    return start;
  }

  /** Returns whether metrics were already recorded, and marks them recorded. */
  boolean recorded() {
    boolean before = recorded;
    recorded = true;
    return before;
  }
}
