package dev.pilothouse.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link WeightedProxy}.
 *
 * @param bindHost address the listeners bind to; loopback by default so nothing is exposed
 * @param connectTimeout how long to wait for a backend connection before answering 502
 * @param idleTimeout closes a backend or client connection idle for this long
 * @param maxConnectionsPerBackend size of the keep-alive pool per backend address
 * @param eventLoops server instances per listener, one per event loop, to use every core
 */
public record ProxyOptions(
    String bindHost,
    Duration connectTimeout,
    Duration idleTimeout,
    int maxConnectionsPerBackend,
    int eventLoops) {

  public ProxyOptions {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnectionsPerBackend < 1 || eventLoops < 1) {
      throw new IllegalArgumentException("pool size and event loops must be positive");
    }
  }

  /** Loopback, 2 s connect timeout, 60 s idle timeout, 256 pooled connections per backend. */
  public static ProxyOptions defaults() {
    return new ProxyOptions(
        "127.0.0.1",
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        256,
        Runtime.getRuntime().availableProcessors());
  }

  /** Returns a copy binding to {@code host}. */
  public ProxyOptions withBindHost(String host) {
    return new ProxyOptions(
        host, connectTimeout, idleTimeout, maxConnectionsPerBackend, eventLoops);
  }
}
