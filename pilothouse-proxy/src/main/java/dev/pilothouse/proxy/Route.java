package dev.pilothouse.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The backends of one listener with their weights, and the weighted choice among them.
 *
 * <p>Immutable apart from the picker's position counter, which belongs to this snapshot only: a new
 * table starts a new schedule, and a request keeps the backend it was given.
 */
public final class Route {

  private final Listener listener;
  private final List<Backend> backends;
  private final BackendPicker picker;

  Route(Listener listener, List<Backend> backends, BackendPicker picker) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.backends = List.copyOf(backends);
    this.picker = picker;
  }

  /** Returns the listener this route serves. */
  public Listener listener() {
    return listener;
  }

  /** Returns the backends in declaration order, including those with weight 0. */
  public List<Backend> backends() {
    return backends;
  }

  /** Chooses the backend for one request; empty when every weight is 0 or there are none. */
  public Optional<Backend> pick() {
    return picker.pick();
  }
}
