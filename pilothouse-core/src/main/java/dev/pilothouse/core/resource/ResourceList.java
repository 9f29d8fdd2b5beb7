package dev.pilothouse.core.resource;

import java.util.List;

/**
 * A consistent list of objects and the store's resourceVersion at the time it was read, from which
 * a watch can resume without missing or repeating an event.
 */
public record ResourceList(List<Resource> items, long resourceVersion) {
  public ResourceList {
    items = List.copyOf(items);
  }
}
