package dev.pilothouse.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections to backends, kept per event loop so a request and its backend exchange run
 * on one thread with no locks and no hand-off. Like nginx's {@code keepalive N}, the limit is on
 * idle connections kept for reuse, not on connections open at once.
 */
final class BackendPool {

  private final Transport transport;
  private final ProxyOptions options;
  private final int idlePerLoop;
  // Per event loop: poll and release run on the connection's own loop (the caller's thread).
  private final FastThreadLocal<Map<Address, ArrayDeque<Channel>>> idle =
      new FastThreadLocal<>() {
        @Override
        protected Map<Address, ArrayDeque<Channel>> initialValue() {
          return new HashMap<>();
        }
      };

  BackendPool(Transport transport, ProxyOptions options) {
    this.transport = transport;
    this.options = options;
    this.idlePerLoop = Math.max(1, options.maxConnectionsPerBackend() / options.eventLoops());
  }

  /** Returns an idle connection to {@code address} on {@code loop}, or null when there is none. */
  Channel poll(EventLoop loop, Address address) {
    ArrayDeque<Channel> free = idleOf(loop).get(address);
    if (free == null) {
      return null;
    }
    Channel channel;
    while ((channel = free.pollLast()) != null) {
      if (channel.isActive()) {
        return channel;
      }
    }
    return null;
  }

  /** Opens a new connection to {@code address} on {@code loop}. */
  ChannelFuture connect(EventLoop loop, Address address) {
    return new Bootstrap()
        .group(loop)
        .channel(transport.clientChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ResponseDecoder decoder = new ResponseDecoder();
                ch.pipeline()
                    .addLast(decoder)
                    .addLast(new BackendHandler(options.idleTimeout(), decoder));
              }
            })
        .connect(address.host(), address.port());
  }

  /** Keeps {@code channel} for reuse, or closes it when enough idle ones are kept already. */
  void release(Channel channel, Address address) {
    ArrayDeque<Channel> free =
        idleOf(channel.eventLoop()).computeIfAbsent(address, a -> new ArrayDeque<>());
    while (!free.isEmpty() && !free.peekFirst().isActive()) {
      free.pollFirst(); // closed by the backend or by the idle timeout while kept
    }
    if (free.size() >= idlePerLoop || !channel.isActive()) {
      channel.close();
      return;
    }
    free.addLast(channel);
  }

  private Map<Address, ArrayDeque<Channel>> idleOf(EventLoop loop) {
    assert loop.inEventLoop();
    return idle.get();
  }
}
