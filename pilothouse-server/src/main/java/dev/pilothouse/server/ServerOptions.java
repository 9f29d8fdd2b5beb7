package dev.pilothouse.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server listens and limits requests, and where workloads run.
 *
 * @param host listen address, loopback by default (the proxy's listeners bind here too)
 * @param port listen port; 0 picks a free one
 * @param maxBodyBytes largest request body accepted
 * @param watchKeepAlive interval of keep-alive lines on idle watches
 * @param tokenCacheTtl how long a token lookup is reused
 * @param prometheusUrl the Prometheus that live SLO budgets are read from; empty for none
 * @param runtimeDir when set, the local runtime runs pods as processes (logs under this folder)
 *     behind the weighted proxy; when null, ReplicaSets are reported ready at once and nothing runs
 *     (tests and benchmarks of the control plane alone)
 */
public record ServerOptions(
    String host,
    int port,
    long maxBodyBytes,
    Duration watchKeepAlive,
    Duration tokenCacheTtl,
    String prometheusUrl,
    Path runtimeDir) {

  /** Options without a Prometheus and without the local runtime. */
  public ServerOptions(
      String host, int port, long maxBodyBytes, Duration watchKeepAlive, Duration tokenCacheTtl) {
    this(host, port, maxBodyBytes, watchKeepAlive, tokenCacheTtl, "", null);
  }

  /** Options with a Prometheus and without the local runtime. */
  public ServerOptions(
      String host,
      int port,
      long maxBodyBytes,
      Duration watchKeepAlive,
      Duration tokenCacheTtl,
      String prometheusUrl) {
    this(host, port, maxBodyBytes, watchKeepAlive, tokenCacheTtl, prometheusUrl, null);
  }

  /**
   * Defaults: 127.0.0.1:8080, 3 MiB bodies (as the Kubernetes API), 15 s keep-alives, no
   * Prometheus, no local runtime.
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        "127.0.0.1", 8080, 3L * 1024 * 1024, Duration.ofSeconds(15), Duration.ofSeconds(2));
  }

  /** The same options on another port. */
  public ServerOptions withPort(int newPort) {
    return new ServerOptions(
        host, newPort, maxBodyBytes, watchKeepAlive, tokenCacheTtl, prometheusUrl, runtimeDir);
  }

  /** The same options on another host. */
  public ServerOptions withHost(String newHost) {
    return new ServerOptions(
        newHost, port, maxBodyBytes, watchKeepAlive, tokenCacheTtl, prometheusUrl, runtimeDir);
  }

  /** The same options reading SLO budgets from another Prometheus (null or blank: none). */
  public ServerOptions withPrometheusUrl(String url) {
    return new ServerOptions(
        host,
        port,
        maxBodyBytes,
        watchKeepAlive,
        tokenCacheTtl,
        url == null ? "" : url.strip(),
        runtimeDir);
  }

  /** The same options running pods as local processes, with logs under {@code dir}. */
  public ServerOptions withLocalRuntime(Path dir) {
    return new ServerOptions(
        host, port, maxBodyBytes, watchKeepAlive, tokenCacheTtl, prometheusUrl, dir);
  }
}
