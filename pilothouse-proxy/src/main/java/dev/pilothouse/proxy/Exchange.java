package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * One proxied request: the client connection, the backend chosen at its start (kept even if the
 * route table changes meanwhile), and the backend connection once there is one. Touched only on the
 * client connection's event loop, which is also the backend connection's.
 */
final class Exchange {

  private final Channel client;
  private final Backend backend;
  private final boolean headRequest;
  private final boolean clientKeepAlive;
  private final long start;
  private ArrayDeque<ByteBuf> early; // only while a new backend connection opens
  private Channel upstream;
  private boolean requestSent;
  private boolean answering;
  private boolean upstreamReusable;
  private boolean rechunk;
  private int status;

  Exchange(Channel client, Backend backend, boolean headRequest, boolean keepAlive, long start) {
    this.client = client;
    this.backend = backend;
    this.headRequest = headRequest;
    this.clientKeepAlive = keepAlive;
    this.start = start;
  }

  Channel client() {
    return client;
  }

  Backend backend() {
    return backend;
  }

  /** Whether the request is a {@code HEAD} (its answer has no body, whatever it says). */
  boolean headRequest() {
    return headRequest;
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
  void holdEarly(ByteBuf part) {
    if (early == null) {
      early = new ArrayDeque<>();
    }
    early.add(part);
  }

  /** Returns the next held part, or null. */
  ByteBuf nextEarly() {
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
   * connection can serve another request once this response is complete, and {@code rechunk}
   * whether its body (which ends when the backend closes) goes to the client chunked.
   */
  void markAnswering(int statusCode, boolean reusable, boolean rechunk) {
    answering = true;
    status = statusCode;
    upstreamReusable = reusable;
    this.rechunk = rechunk;
  }

  /** Whether the response body is chunked by the proxy on its way to the client. */
  boolean rechunk() {
    return rechunk;
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
    ByteBuf part;
    while ((part = nextEarly()) != null) {
      part.release();
    }
  }
}
