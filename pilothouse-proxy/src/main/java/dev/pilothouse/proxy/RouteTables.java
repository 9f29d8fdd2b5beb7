package dev.pilothouse.proxy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RouteTable}; a swap is one atomic reference write, so readers never see
 * a half-applied change and in-flight requests keep the backend they already chose.
 */
public final class RouteTables {

  private final AtomicReference<RouteTable> current;

  /** Creates a holder starting with {@code initial}. */
  public RouteTables(RouteTable initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** Returns the table to route the next request with. */
  public RouteTable current() {
    return current.get();
  }

  /** Makes {@code next} current and returns the table it replaced. */
  public RouteTable swap(RouteTable next) {
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }
}
