package dev.pilothouse.proxy;

import java.util.Objects;

/**
 * A proxy listener: one per {@code Service}, bound to the Service's port.
 *
 * @param service the Service name, also the {@code service} label of the metrics
 * @param port the port to listen on; 0 binds an ephemeral port (tests)
 */
public record Listener(String service, int port) {

  public Listener {
    Objects.requireNonNull(service, "service");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listener port out of range: " + port);
    }
  }
}
