package dev.pilothouse.proxy;

import java.util.Objects;

/**
 * One upstream endpoint of a listener: where to send requests, which workload version answers there
 * (e.g. {@code stable}, {@code canary} or a pod-template hash), and its integer weight.
 *
 * @param host host name or IP address of the backend
 * @param port TCP port of the backend
 * @param version version label used for per-version metrics
 * @param weight relative share of requests; 0 keeps the backend known but sends it nothing
 */
public record Backend(String host, int port, String version, int weight) {

  public Backend {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(version, "version");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("backend port out of range: " + port);
    }
    if (weight < 0) {
      throw new IllegalArgumentException("backend weight must not be negative: " + weight);
    }
  }
}
