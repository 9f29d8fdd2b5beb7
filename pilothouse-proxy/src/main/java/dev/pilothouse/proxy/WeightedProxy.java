package dev.pilothouse.proxy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Pilothouse's weighted reverse proxy: one HTTP listener per Service, forwarding to the backends of
 * the current {@link RouteTable} over pooled keep-alive connections, and recording per-version
 * {@link ProxyMetrics}. Built on Netty (the layer under Vert.x) directly: measured against nginx,
 * the Vert.x HTTP server and client pair cost about twice nginx's CPU per proxied request, and a
 * proxy needs little of what that layer adds (docs/proxy.md).
 *
 * <p>{@link #apply} and {@link #close} block the caller until listeners are bound or stopped, so
 * call them from control-plane threads, never from a proxy event loop.
 */
public final class WeightedProxy implements AutoCloseable {

  private final Transport transport;
  private final BackendPool pool;
  private final RouteTables tables = new RouteTables(RouteTable.empty());
  private final ProxyMetrics metrics;
  private final ProxyOptions options;
  private final Map<String, ListenerServer> listeners = new HashMap<>();

  private WeightedProxy(ProxyOptions options, ProxyMetrics metrics) {
    this.options = options;
    this.metrics = metrics;
    this.transport = Transport.start(options.eventLoops());
    this.pool = new BackendPool(transport, options);
    Warmup.codecs();
  }

  /** Starts a proxy serving {@code table}. */
  public static WeightedProxy start(RouteTable table, ProxyOptions options, ProxyMetrics metrics) {
    WeightedProxy proxy = new WeightedProxy(options, metrics);
    try {
      proxy.apply(table);
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /**
   * Makes {@code table} current: routes switch atomically for new requests, listeners new to the
   * table are bound, and listeners gone from it (or moved to another port) are stopped gracefully.
   */
  public synchronized void apply(RouteTable table) {
    RouteTable previous = tables.swap(table);
    Map<String, Listener> wanted = new HashMap<>();
    table.listeners().forEach(listener -> wanted.put(listener.service(), listener));
    for (Listener old : previous.listeners()) {
      Listener next = wanted.get(old.service());
      if (next == null || next.port() != old.port()) {
        ListenerServer stopped = listeners.remove(old.service());
        if (stopped != null) {
          stopped.close();
        }
      }
    }
    for (Listener listener : wanted.values()) {
      if (!listeners.containsKey(listener.service())) {
        listeners.put(listener.service(), bind(listener));
      }
    }
  }

  /** Returns the port a service's listener is bound to (useful when the table said 0). */
  public synchronized OptionalInt port(String service) {
    ListenerServer server = listeners.get(service);
    return server == null ? OptionalInt.empty() : OptionalInt.of(server.listener().port());
  }

  /** Returns the table requests are currently routed by. */
  public RouteTable routes() {
    return tables.current();
  }

  /** Returns whether a native transport (io_uring or epoll) is in use rather than Java NIO. */
  public boolean nativeTransport() {
    return transport.kind() != Transport.Kind.NIO;
  }

  /** Returns the transport in use: {@code epoll}, {@code nio} or {@code io_uring}. */
  public String transport() {
    return transport.kind().label();
  }

  /** Returns the metrics this proxy records into. */
  public ProxyMetrics metrics() {
    return metrics;
  }

  /** Stops every listener, letting in-flight requests finish briefly, then the event loops. */
  @Override
  public synchronized void close() {
    try {
      for (ListenerServer server : listeners.values()) {
        server.close();
      }
      listeners.clear();
    } finally {
      transport.group().shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private ListenerServer bind(Listener listener) {
    try {
      return ListenerServer.bind(
          transport,
          listener,
          options,
          () ->
              new FrontendHandler(
                  listener.service(), tables, pool, metrics, options.idleTimeout()));
    } catch (Exception e) { // Netty rethrows a failed bind's IOException unchecked
      throw new ProxyException(
          "cannot listen on "
              + options.bindHost()
              + ":"
              + listener.port()
              + " for service "
              + listener.service()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
