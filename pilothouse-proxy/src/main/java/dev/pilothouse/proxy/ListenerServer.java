package dev.pilothouse.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server socket of one listener and its client connections. Connections are spread over the
 * proxy's event loops; each is served entirely on its loop.
 */
final class ListenerServer {

  private static final Duration GRACE = Duration.ofSeconds(5);

  private final Channel server;
  private final ChannelGroup clients;
  private final Listener listener;

  private ListenerServer(Channel server, ChannelGroup clients, Listener listener) {
    this.server = server;
    this.clients = clients;
    this.listener = listener;
  }

  /** Binds the listener (blocking until bound); each connection gets a fresh handler. */
  static ListenerServer bind(
      Transport transport,
      Listener listener,
      ProxyOptions options,
      Supplier<FrontendHandler> handlers) {
    ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Channel server =
        new ServerBootstrap()
            .group(transport.group())
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    clients.add(ch);
                    ch.pipeline()
                        .addLast(new RequestDecoder(clientHost(ch)))
                        .addLast(handlers.get());
                  }
                })
            .bind(options.bindHost(), listener.port())
            .syncUninterruptibly()
            .channel();
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    return new ListenerServer(server, clients, new Listener(listener.service(), port));
  }

  private static String clientHost(Channel channel) {
    return channel.remoteAddress() instanceof InetSocketAddress remote
        ? remote.getAddress().getHostAddress()
        : "unknown";
  }

  /** Returns the listener with its actual bound port. */
  Listener listener() {
    return listener;
  }

  /**
   * Stops accepting, closes idle connections, lets requests in progress finish for a few seconds
   * and then closes what is left. Blocks until done.
   */
  void close() {
    server.close().syncUninterruptibly();
    for (Channel client : clients) {
      FrontendHandler handler = client.pipeline().get(FrontendHandler.class);
      if (handler != null) {
        client.eventLoop().execute(handler::drain);
      }
    }
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (!clients.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    clients.close().syncUninterruptibly();
  }
}
