package dev.pilothouse.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One proxied request: the client connection, the backend chosen at its start (kept even if the
 * route table changes meanwhile), and the backend connection once there is one. Touched only on the
 * client connection's event loop, which is also the backend connection's.
 */
final class Exchange {

  private final Channel client;
  private final Backend backend;
  private final HttpMethod method;
  private final boolean clientKeepAlive;
  private final long start;
  private ArrayDeque<HttpObject> early; // only while a new backend connection opens
  private Channel upstream;
  private boolean requestSent;
  private boolean answering;
  private boolean upstreamReusable;
  private int status;

  Exchange(Channel client, Backend backend, HttpMethod method, boolean keepAlive, long start) {
    this.client = client;
    this.backend = backend;
    this.method = method;
    this.clientKeepAlive = keepAlive;
    this.start = start;
  }

  Channel client() {
    return client;
  }

  Backend backend() {
    return backend;
  }

  HttpMethod method() {
    return method;
  }

  boolean clientKeepAlive() {
    return clientKeepAlive;
  }

  long start() {
    return start;
  }

  /** The backend connection, or null while it is being opened. */
  Channel upstream() {
    return upstream;
  }

  void upstream(Channel channel) {
    this.upstream = channel;
  }

  /** Holds the request head and body parts until the backend connection is open. */
  void holdEarly(HttpObject part) {
    if (early == null) {
      early = new ArrayDeque<>();
    }
    early.add(part);
  }

  /** Returns the next held part, or null. */
  HttpObject nextEarly() {
    return early == null ? null : early.poll();
  }

  /** Whether the whole request (head and body) went to the backend. */
  boolean requestSent() {
    return requestSent;
  }

  void markRequestSent() {
    requestSent = true;
  }

  /** Whether the response head was written to the client. */
  boolean answering() {
    return answering;
  }

  /**
   * Notes that the response head went to the client; {@code reusable} says whether the backend
   * connection can serve another request once this response is complete.
   */
  void markAnswering(int statusCode, boolean reusable) {
    answering = true;
    status = statusCode;
    upstreamReusable = reusable;
  }

  /** Whether the backend connection can go back to the pool after this exchange. */
  boolean upstreamReusable() {
    return upstreamReusable && requestSent;
  }

  int status() {
    return status;
  }

  /** Frees body parts still held (the exchange ended before they could be sent). */
  void releaseEarly() {
    HttpObject part;
    while ((part = nextEarly()) != null) {
      ReferenceCountUtil.release(part);
    }
  }
}
