package dev.pilothouse.proxy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * An immutable snapshot of every listener and its weighted backends. The proxy reads one snapshot
 * per request, so a request is routed entirely by the table that was current when it arrived.
 */
public final class RouteTable {

  private static final RouteTable EMPTY = new RouteTable(Map.of());

  private final Map<String, Route> routes;

  private RouteTable(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  /** Returns a table with no listeners. */
  public static RouteTable empty() {
    return EMPTY;
  }

  /** Starts a table whose large-total weighted random choice uses {@link ThreadLocalRandom}. */
  public static Builder builder() {
    return new Builder(bound -> ThreadLocalRandom.current().nextInt(bound));
  }

  /** Starts a table with an injected random source ({@code bound -> value in [0, bound)}). */
  public static Builder builder(IntUnaryOperator random) {
    return new Builder(random);
  }

  /** Returns the route of a service's listener, if the table has it. */
  public Optional<Route> route(String service) {
    return Optional.ofNullable(routes.get(service));
  }

  /** Returns the listeners of this table. */
  public Collection<Listener> listeners() {
    return routes.values().stream().map(Route::listener).toList();
  }

  /** Collects listeners and their backends into a {@link RouteTable}. */
  public static final class Builder {
    private final IntUnaryOperator random;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    private Builder(IntUnaryOperator random) {
      this.random = random;
    }

    /** Adds (or replaces) the listener of {@code listener.service()} with these backends. */
    public Builder listener(Listener listener, List<Backend> backends) {
      routes.put(
          listener.service(), new Route(listener, backends, BackendPicker.of(backends, random)));
      return this;
    }

    /** Returns the immutable table. */
    public RouteTable build() {
      return new RouteTable(routes);
    }
  }
}
