package dev.pilothouse.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;

/**
 * The end of a backend connection: hands what the backend answers to the client connection of the
 * exchange it serves now. Between exchanges (in the pool) it serves none, and anything the backend
 * sends then is a protocol error that closes the connection.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

  private final Duration idleTimeout;
  private Exchange exchange;
  private FrontendHandler client;
  private FrontendHandler relayedTo;
  private IdleCheck idle;
  private final ResponseDecoder decoder;

  /** {@code decoder} is the one before this handler in the pipeline (told about HEAD requests). */
  BackendHandler(Duration idleTimeout, ResponseDecoder decoder) {
    this.idleTimeout = idleTimeout;
    this.decoder = decoder;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    idle = IdleCheck.start(ctx.channel(), idleTimeout);
    ctx.fireChannelActive();
  }

  void attach(Exchange exchange, FrontendHandler client) {
    this.exchange = exchange;
    this.client = client;
    decoder.headRequest(exchange.headRequest());
  }

  void detach() {
    this.exchange = null;
    this.client = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    idle.touch();
    Exchange now = exchange;
    if (now == null) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    relayedTo = client; // kept past the exchange's end, which detaches the client mid-batch
    if (msg instanceof Message.Head response) {
      if (response.status() < 200) {
        response.release(); // 1xx: the proxy answers Expect: 100-continue itself
        return;
      }
      client.responseHead(now, response);
      if (!response.hasBody()) {
        client.responseBody(now, new Message.Body(Unpooled.EMPTY_BUFFER, true));
      }
    } else if (msg instanceof Message.Body part) {
      client.responseBody(now, part);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (relayedTo != null) {
      relayedTo.flush(); // one flush per read batch, however many parts were relayed
      relayedTo = null;
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange now = exchange;
    if (now != null && ctx.channel().isWritable()) {
      now.client().config().setAutoRead(true);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange now = exchange;
    if (now != null) {
      client.upstreamFailed(now);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // channelInactive tells the exchange
  }
}
