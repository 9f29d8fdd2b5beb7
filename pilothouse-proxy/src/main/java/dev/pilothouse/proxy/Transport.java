package dev.pilothouse.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops and channel types of the proxy: Netty's native epoll transport on Linux (fewer
 * system calls and copies per request), Java NIO elsewhere.
 *
 * @param group the event loops; every connection, client side and backend side, lives on one
 * @param epoll whether the native transport is in use
 */
record Transport(EventLoopGroup group, boolean epoll) {

  /** Starts {@code threads} event loops on the best transport available. */
  static Transport start(int threads) {
    quietLeakDetection();
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    DefaultThreadFactory names = new DefaultThreadFactory("pilothouse-proxy", true);
    return new Transport(new MultiThreadIoEventLoopGroup(threads, names, io), epoll);
  }

  /**
   * Turns Netty's sampled buffer leak detection off unless {@code io.netty.leakDetection.level} is
   * set: it takes a stack trace for one buffer in 128, a debugging aid that cost a few percent of
   * the proxy's CPU per request in {@code dev/bench proxy} (the proxy is the only Netty user in
   * {@code serve}).
   */
  private static void quietLeakDetection() {
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends SocketChannel> clientChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
