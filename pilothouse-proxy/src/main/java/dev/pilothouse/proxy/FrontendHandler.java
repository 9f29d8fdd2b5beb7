package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
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

  private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
  private static final byte[] CHUNKED_LINE = ascii("Transfer-Encoding: chunked\r\n");
  private static final byte[] CLOSE_LINE = ascii("Connection: close\r\n");
  private static final byte[] CRLF = ascii("\r\n");
  private static final byte[] LAST_CHUNK = ascii("0\r\n\r\n");

  private final String service;
  private final RouteTables tables;
  private final BackendPool pool;
  private final ProxyMetrics metrics;
  private final Duration idleTimeout;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private IdleCheck idle;
  private Channel unflushedUpstream;
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
    if (msg instanceof Message.Head request) {
      start(request);
    } else if (msg instanceof Message.Body part) {
      body(part);
    } else if (msg instanceof HeadScanner.Malformed) {
      malformed();
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * The client sent something the decoder refuses: a 400 and the connection closes. When the
   * request's head already went to the backend (its body broke the framing), that exchange is
   * abandoned and the backend connection closed too; if its answer has started, the client
   * connection is only cut.
   */
  private void malformed() {
    Exchange exchange = current;
    if (exchange != null) {
      record(exchange, HttpResponseStatus.BAD_REQUEST.code());
      detach(exchange, false);
      if (exchange.answering()) {
        ctx.close();
        return;
      }
    }
    answerLocally(HttpResponseStatus.BAD_REQUEST, "malformed request\n", false);
  }

  /** A request head, already in its forwarded form: picks the backend and sends it there. */
  private void start(Message.Head request) {
    long start = System.nanoTime();
    int flags = request.flags();
    boolean keepAlive = HeadScanner.keepAlive(flags);
    boolean expects = (flags & HeadScanner.HTTP_1_0) == 0;
    if (expects && (flags & HeadScanner.EXPECT_OTHER) != 0) {
      request.release();
      discardBody = request.hasBody();
      answerLocally(HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation\n", keepAlive);
      return;
    }
    if (expects && (flags & HeadScanner.EXPECT_CONTINUE) != 0) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
    }
    Backend backend = tables.current().route(service).flatMap(Route::pick).orElse(null);
    if (backend == null) {
      request.release();
      discardBody = request.hasBody();
      answerLocally(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no backend for service " + service + "\n",
          keepAlive);
      return;
    }
    boolean head = (flags & HeadScanner.HEAD_METHOD) != 0;
    Exchange exchange = new Exchange(ctx.channel(), backend, head, keepAlive, start);
    current = exchange;
    bodyDone = !request.hasBody();
    Address address = Address.of(backend);
    Channel pooled = pool.poll(ctx.channel().eventLoop(), address);
    if (pooled != null) {
      attach(exchange, pooled);
      pooled.write(request.content(), pooled.voidPromise());
      unflushedUpstream = pooled;
      if (bodyDone) {
        exchange.markRequestSent();
      }
    } else {
      exchange.holdEarly(request.content());
      ChannelFuture connecting = pool.connect(ctx.channel().eventLoop(), address);
      connecting.addListener(f -> connected(exchange, connecting));
    }
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
    ByteBuf part;
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

  private void body(Message.Body part) {
    boolean last = part.last();
    if (discardBody || current == null) {
      part.release();
      discardBody &= !last;
      if (last && current == null) {
        afterExchange();
      }
      return;
    }
    bodyDone = last;
    Channel upstream = current.upstream();
    if (upstream == null) {
      current.holdEarly(part.content());
      return;
    }
    upstream.write(part.content(), upstream.voidPromise());
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

  /**
   * The backend's response head, hop-by-hop headers already out: completed with what this client
   * connection needs ({@code Connection: close}, chunking for a body that ends at close) and sent.
   */
  void responseHead(Exchange exchange, Message.Head response) {
    idle.touch();
    int code = response.status();
    int flags = response.flags();
    boolean noBody = exchange.headRequest() || code == 204 || code == 304;
    boolean framed = (flags & (HeadScanner.CONTENT_LENGTH | HeadScanner.CHUNKED)) != 0;
    boolean reusable = HeadScanner.keepAlive(flags) && (noBody || framed);
    boolean rechunk = !noBody && !framed;
    ByteBuf head = response.content();
    if (rechunk) {
      head.writeBytes(CHUNKED_LINE);
    }
    if (!exchange.clientKeepAlive() || draining) {
      head.writeBytes(CLOSE_LINE);
    }
    head.writeBytes(CRLF);
    exchange.markAnswering(code, reusable, rechunk);
    ctx.write(head, ctx.voidPromise());
  }

  /** A part of the backend's response body; the last one completes the exchange. */
  void responseBody(Exchange exchange, Message.Body part) {
    idle.touch();
    ByteBuf bytes = part.content();
    if (exchange.rechunk()) {
      writeChunk(bytes);
    } else {
      ctx.write(bytes, ctx.voidPromise());
    }
    if (!part.last()) {
      if (!ctx.channel().isWritable()) {
        exchange.upstream().config().setAutoRead(false); // resumed when the client drains
      }
      return;
    }
    if (exchange.rechunk()) {
      ctx.write(Unpooled.wrappedBuffer(LAST_CHUNK), ctx.voidPromise());
    }
    record(exchange, exchange.status());
    detach(exchange, exchange.upstreamReusable());
    if (!exchange.clientKeepAlive() || draining) {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    // flushed at the end of the backend's read batch
    discardBody = !bodyDone; // answered before the request body ended: drop the rest
    afterExchange();
  }

  /** Sends body bytes as one chunk (a response that ends at close goes out chunked). */
  private void writeChunk(ByteBuf bytes) {
    if (!bytes.isReadable()) {
      bytes.release();
      return;
    }
    ByteBuf size = ctx.alloc().buffer(12);
    size.writeCharSequence(Integer.toHexString(bytes.readableBytes()), StandardCharsets.US_ASCII);
    size.writeBytes(CRLF);
    ctx.write(size, ctx.voidPromise());
    ctx.write(bytes, ctx.voidPromise());
    ctx.write(Unpooled.wrappedBuffer(CRLF), ctx.voidPromise());
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
    boolean close = !keepAlive || draining;
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status.code()
            + " "
            + status.reasonPhrase()
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n";
    ByteBuf response = ctx.alloc().buffer(head.length() + body.length);
    response.writeCharSequence(head, StandardCharsets.US_ASCII);
    response.writeBytes(body);
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

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
