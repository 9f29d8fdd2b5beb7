package dev.pilothouse.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pilothouse's weighted reverse proxy: one Vert.x HTTP listener per Service, forwarding to the
 * backends of the current {@link RouteTable} through pooled keep-alive HTTP clients, and recording
 * per-version {@link ProxyMetrics}.
 *
 * <p>{@link #apply} and {@link #close} block the caller until listeners are bound or stopped, so
 * call them from control-plane threads, never from a Vert.x event loop.
 */
public final class WeightedProxy implements AutoCloseable {

  private static final long WAIT_SECONDS = 30;

  private final Vertx vertx;
  private final RouteTables tables = new RouteTables(RouteTable.empty());
  private final ProxyMetrics metrics;
  private final ProxyOptions options;
  private final Map<String, ListenerServer> listeners = new HashMap<>();

  private WeightedProxy(ProxyOptions options, ProxyMetrics metrics) {
    this.options = options;
    this.metrics = metrics;
    // Netty's native epoll transport when it loads (Linux); Vert.x falls back to NIO elsewhere.
    this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
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
          await(stopped.close());
        }
      }
    }
    for (Listener listener : wanted.values()) {
      if (!listeners.containsKey(listener.service())) {
        listeners.put(listener.service(), await(bind(listener)));
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

  /** Returns whether Netty's native (epoll) transport is in use rather than Java NIO. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  /** Returns the metrics this proxy records into. */
  public ProxyMetrics metrics() {
    return metrics;
  }

  /** Stops every listener, letting in-flight requests finish briefly, then the client. */
  @Override
  public synchronized void close() {
    try {
      for (ListenerServer server : listeners.values()) {
        await(server.close());
      }
      listeners.clear();
    } finally {
      await(vertx.close());
    }
  }

  private Future<ListenerServer> bind(Listener listener) {
    return ListenerServer.start(
        vertx,
        listener,
        options,
        client -> new ForwardingHandler(listener.service(), tables, client, metrics, options));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProxyException("interrupted while waiting for the proxy", e);
    } catch (ExecutionException e) {
      throw new ProxyException(
          "proxy operation failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ProxyException("proxy operation timed out after " + WAIT_SECONDS + " s", e);
    }
  }
}
