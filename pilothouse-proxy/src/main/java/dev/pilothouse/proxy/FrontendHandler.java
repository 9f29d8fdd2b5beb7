package dev.pilothouse.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One client connection of a listener. Each request goes to the backend the route table current at
 * its start picks, over a pooled keep-alive connection on this connection's event loop; bodies
 * stream both ways with back-pressure. Requests on one connection are served in order (pipelined
 * ones wait). No retries: a retried non-idempotent request could run twice.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

  /** Recorded when the client closed its connection before the answer (nginx's 499). */
  static final int CLIENT_CLOSED = 499;

  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

  private final String service;
  private final RouteTables tables;
  private final BackendPool pool;
  private final ProxyMetrics metrics;
  private final Duration idleTimeout;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private IdleCheck idle;
  private Channel unflushedUpstream;
  private String clientHost = "unknown";
  private Exchange current;
  private boolean bodyDone = true;
  private boolean discardBody;
  private boolean draining;

  FrontendHandler(
      String service,
      RouteTables tables,
      BackendPool pool,
      ProxyMetrics metrics,
      Duration idleTimeout) {
    this.service = service;
    this.tables = tables;
    this.pool = pool;
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.idle = IdleCheck.start(ctx.channel(), idleTimeout);
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      clientHost = remote.getAddress().getHostAddress();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    idle.touch();
    if (!waiting.isEmpty() || (current != null && bodyDone)) {
      waiting.add(msg); // a pipelined request: it waits for the one in progress
      ctx.channel().config().setAutoRead(false);
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest request) {
      start(request);
    }
    if (msg instanceof HttpContent content) {
      body(content);
    } else if (!(msg instanceof HttpRequest)) {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      answerLocally(HttpResponseStatus.BAD_REQUEST, "malformed request\n", false);
      return;
    }
    long start = System.nanoTime();
    int flags = Headers.stripHopByHop(request.headers());
    boolean keepAlive = Headers.keepAlive(flags, request.protocolVersion());
    boolean expects = request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0;
    if (expects && (flags & Headers.EXPECT_OTHER) != 0) {
      discardBody = true;
      answerLocally(HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation\n", keepAlive);
      return;
    }
    if (expects && (flags & Headers.EXPECT_CONTINUE) != 0) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    Backend backend = tables.current().route(service).flatMap(Route::pick).orElse(null);
    if (backend == null) {
      discardBody = true;
      answerLocally(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no backend for service " + service + "\n",
          keepAlive);
      return;
    }
    Exchange exchange = new Exchange(ctx.channel(), backend, request.method(), keepAlive, start);
    current = exchange;
    bodyDone = false;
    HttpRequest head = upstreamRequest(request, flags);
    Address address = Address.of(backend);
    Channel pooled = pool.poll(ctx.channel().eventLoop(), address);
    if (pooled != null) {
      attach(exchange, pooled);
      pooled.write(head, pooled.voidPromise());
      unflushedUpstream = pooled;
    } else {
      exchange.holdEarly(head);
      ChannelFuture connecting = pool.connect(ctx.channel().eventLoop(), address);
      connecting.addListener(f -> connected(exchange, connecting));
    }
  }

  /**
   * The client's request, its hop-by-hop headers already stripped ({@code flags} says what they
   * were), made fit to forward: the decoded object is reused, not copied.
   */
  private HttpRequest upstreamRequest(HttpRequest request, int flags) {
    HttpHeaders headers = request.headers();
    String forwardedFor = headers.get(X_FORWARDED_FOR);
    headers.set(X_FORWARDED_FOR, Headers.forwardedFor(forwardedFor, clientHost));
    if ((flags & Headers.CHUNKED) != 0) {
      headers.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    return request;
  }

  private void connected(Exchange exchange, ChannelFuture connecting) {
    Channel upstream = connecting.channel();
    if (exchange != current) {
      upstream.close(); // the client left while we were connecting
      return;
    }
    if (!connecting.isSuccess()) {
      badGateway(exchange);
      return;
    }
    attach(exchange, upstream);
    Object part;
    while ((part = exchange.nextEarly()) != null) {
      upstream.write(part);
    }
    upstream.flush();
    if (bodyDone) {
      exchange.markRequestSent();
    }
  }

  private void attach(Exchange exchange, Channel upstream) {
    exchange.upstream(upstream);
    upstream.pipeline().get(BackendHandler.class).attach(exchange, this);
  }

  private void body(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (discardBody || current == null) {
      content.release();
      discardBody &= !last;
      if (last && current == null) {
        afterExchange();
      }
      return;
    }
    bodyDone = last;
    Channel upstream = current.upstream();
    if (upstream == null) {
      current.holdEarly(content);
      return;
    }
    upstream.write(content, upstream.voidPromise());
    unflushedUpstream = upstream; // flushed once per read batch, in channelReadComplete
    if (last) {
      current.markRequestSent();
    } else {
      if (!upstream.isWritable()) {
        ctx.channel().config().setAutoRead(false); // resumed when the backend drains
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flushUpstream();
    ctx.fireChannelReadComplete();
  }

  private void flushUpstream() {
    if (unflushedUpstream != null) {
      unflushedUpstream.flush();
      unflushedUpstream = null;
    }
  }

  /** Sends what was written to the client; the backend side calls it once per read batch. */
  void flush() {
    ctx.flush();
  }

  /** The backend's response head: relayed without hop-by-hop headers. */
  void responseHead(Exchange exchange, HttpResponse upstream) {
    idle.touch();
    int code = upstream.status().code();
    boolean noBody = !mayHaveBody(exchange.method(), code);
    HttpHeaders headers = upstream.headers();
    int flags = Headers.stripHopByHop(headers);
    boolean hasLength = (flags & Headers.CONTENT_LENGTH) != 0;
    boolean reusable =
        Headers.keepAlive(flags, upstream.protocolVersion())
            && (noBody || hasLength || (flags & Headers.CHUNKED) != 0);
    if (!noBody && !hasLength) {
      headers.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    if (!exchange.clientKeepAlive() || draining) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    upstream.setProtocolVersion(HttpVersion.HTTP_1_1);
    exchange.markAnswering(code, reusable);
    ctx.write(upstream, ctx.voidPromise());
  }

  /** A part of the backend's response body; the last one completes the exchange. */
  void responseBody(Exchange exchange, HttpContent content) {
    idle.touch();
    if (!(content instanceof LastHttpContent)) {
      ctx.write(content, ctx.voidPromise());
      if (!ctx.channel().isWritable()) {
        exchange.upstream().config().setAutoRead(false); // resumed when the client drains
      }
      return;
    }
    record(exchange, exchange.status());
    detach(exchange, exchange.upstreamReusable());
    if (!exchange.clientKeepAlive() || draining) {
      ctx.writeAndFlush(content).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(content, ctx.voidPromise()); // flushed at the end of the backend's read batch
    discardBody = !bodyDone; // answered before the request body ended: drop the rest
    afterExchange();
  }

  /** The backend connection failed or closed during the exchange. */
  void upstreamFailed(Exchange exchange) {
    if (exchange != current) {
      return;
    }
    if (exchange.answering()) {
      record(exchange, exchange.status());
      detach(exchange, false);
      ctx.close(); // the status is on the wire: a cut connection is the only honest signal left
    } else {
      badGateway(exchange);
    }
  }

  private void badGateway(Exchange exchange) {
    record(exchange, 502); // before the answer leaves, so a client reading metrics next sees it
    detach(exchange, false);
    discardBody = !bodyDone;
    answerLocally(HttpResponseStatus.BAD_GATEWAY, "bad gateway\n", exchange.clientKeepAlive());
  }

  private void detach(Exchange exchange, boolean reusable) {
    current = null;
    exchange.releaseEarly();
    Channel upstream = exchange.upstream();
    if (upstream == null) {
      return;
    }
    upstream.pipeline().get(BackendHandler.class).detach();
    upstream.config().setAutoRead(true);
    if (reusable) {
      pool.release(upstream, Address.of(exchange.backend()));
    } else {
      upstream.close();
    }
  }

  private void answerLocally(HttpResponseStatus status, String text, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    HttpUtil.setContentLength(response, response.content().readableBytes());
    boolean close = !keepAlive || draining;
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ChannelFuture written = ctx.writeAndFlush(response);
    if (close) {
      written.addListener(ChannelFutureListener.CLOSE);
    } else if (!discardBody) {
      afterExchange();
    }
  }

  /** Serves requests that waited behind the finished one, then reads again. */
  private void afterExchange() {
    while (!waiting.isEmpty() && !(current != null && bodyDone)) {
      dispatch(waiting.poll());
    }
    flushUpstream(); // a pipelined request dispatched here is outside the client's read batch
    if (waiting.isEmpty()) {
      ctx.channel().config().setAutoRead(true);
    }
    if (draining && current == null && !discardBody) {
      ctx.close();
    }
  }

  /** Stops taking requests: closes now when idle, else after the answer in progress. */
  void drain() {
    draining = true;
    if (current == null && !discardBody) {
      ctx.close();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable() && current != null && current.upstream() != null) {
      current.upstream().config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange exchange = current;
    if (exchange != null) {
      record(exchange, CLIENT_CLOSED);
      detach(exchange, false);
    }
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset or protocol error on the client side; channelInactive cleans up
  }

  private void record(Exchange exchange, int status) {
    metrics.record(
        service, exchange.backend().version(), status, System.nanoTime() - exchange.start());
  }

  private static boolean mayHaveBody(HttpMethod method, int status) {
    return !HttpMethod.HEAD.equals(method) && status != 204 && status != 304 && status >= 200;
  }
}
