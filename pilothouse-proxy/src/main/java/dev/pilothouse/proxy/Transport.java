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
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The event loops and channel types of the proxy: Netty's epoll transport on Linux, Java NIO
 * elsewhere. The system property {@code pilothouse.proxy.transport} ({@code epoll}, {@code nio} or
 * {@code io_uring}) forces one. io_uring is opt-in: in {@code dev/bench proxy} it cost about 20%
 * less CPU per request than epoll (a loop iteration's reads and writes go to the kernel in one
 * submission), but under wrk's closed-loop load it answered later (p90 of several milliseconds
 * where epoll stayed near one), so it served fewer requests per second with a worse p99.
 *
 * @param group the event loops; every connection, client side and backend side, lives on one
 * @param kind the transport in use
 */
record Transport(EventLoopGroup group, Kind kind) {

  /** System property that forces a transport. */
  static final String PROPERTY = "pilothouse.proxy.transport";

  /** The transports. */
  enum Kind {
    EPOLL,
    NIO,
    IO_URING;

    /** Returns the transport's name, as the system property spells it. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Starts {@code threads} event loops on epoll where available, else NIO (or the one forced). */
  static Transport start(int threads) {
    quietLeakDetection();
    Kind kind = choose(System.getProperty(PROPERTY));
    IoHandlerFactory io =
        switch (kind) {
          case IO_URING -> IoUringIoHandler.newFactory();
          case EPOLL -> EpollIoHandler.newFactory();
          case NIO -> NioIoHandler.newFactory();
        };
    DefaultThreadFactory names = new DefaultThreadFactory("pilothouse-proxy", true);
    return new Transport(new MultiThreadIoEventLoopGroup(threads, names, io), kind);
  }

  private static Kind choose(String forced) {
    if (forced != null && !forced.isBlank()) {
      for (Kind kind : Kind.values()) {
        if (kind.label().equals(forced.strip().toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          PROPERTY + " must be epoll, nio or io_uring, not '" + forced + "'");
    }
    return Epoll.isAvailable() ? Kind.EPOLL : Kind.NIO;
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
    return switch (kind) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  Class<? extends SocketChannel> clientChannel() {
    return switch (kind) {
      case IO_URING -> IoUringSocketChannel.class;
      case EPOLL -> EpollSocketChannel.class;
      case NIO -> NioSocketChannel.class;
    };
  }
}
