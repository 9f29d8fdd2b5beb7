package dev.pilothouse.core.resource;

import java.util.List;
import java.util.Optional;

/**
 * Port: durable storage of resource documents with a global, monotonically increasing
 * resourceVersion, optimistic concurrency, an audit entry per mutation and resumable watches.
 * Semantics (defaults, generation, validation, patches) live in {@link ResourceService}; a store
 * only keeps documents consistent. Every mutation is atomic: the document, its watch event and its
 * audit entry are written together or not at all.
 */
public interface ResourceStore {

  /**
   * Inserts a new object and assigns its resourceVersion.
   *
   * @throws dev.pilothouse.core.error.AlreadyExistsException when the key is taken
   */
  Resource create(ResourceKey key, Resource resource, Actor actor);

  /** The stored object, if any. */
  Optional<Resource> get(ResourceKey key);

  /** All objects matching a query, with the resourceVersion the list is consistent at. */
  ResourceList list(ResourceQuery query);

  /**
   * Replaces an object if its stored resourceVersion still equals {@code expectedVersion}.
   *
   * @throws dev.pilothouse.core.error.NotFoundException when the object does not exist
   * @throws dev.pilothouse.core.error.ConflictException when it changed meanwhile
   */
  Resource update(ResourceKey key, long expectedVersion, Resource next, Actor actor);

  /**
   * Replaces several objects in one transaction: every {@code expectedVersion} is checked, and
   * either every replacement is committed (each with its own resourceVersion, watch event and audit
   * entry) or none is.
   *
   * @return the stored objects, in the order of {@code updates}
   * @throws dev.pilothouse.core.error.NotFoundException when one does not exist (nothing written)
   * @throws dev.pilothouse.core.error.ConflictException when one changed meanwhile (nothing
   *     written)
   * @throws IllegalArgumentException when a key appears twice
   */
  List<Resource> updateAll(List<Update> updates, Actor actor);

  /** One replacement of {@link #updateAll}. */
  record Update(ResourceKey key, long expectedVersion, Resource next) {
    /**
     * @throws IllegalArgumentException when a key appears twice (it would conflict with its own
     *     first write, half-way through)
     */
    public static void requireDistinctKeys(List<Update> updates) {
      if (updates.stream().map(Update::key).distinct().count() != updates.size()) {
        throw new IllegalArgumentException("updateAll: a key appears more than once");
      }
    }
  }

  /**
   * Deletes an object; {@code expectedVersion} 0 deletes whatever version is stored.
   *
   * @return the deleted object, stamped with the deletion's resourceVersion
   * @throws dev.pilothouse.core.error.NotFoundException when the object does not exist
   * @throws dev.pilothouse.core.error.ConflictException when a non-zero expected version differs
   */
  Resource delete(ResourceKey key, long expectedVersion, Actor actor);

  /**
   * Opens a watch delivering every matching change with a resourceVersion greater than {@code
   * fromVersion}, in order, then live changes.
   *
   * @throws dev.pilothouse.core.error.GoneException when {@code fromVersion} is older than the
   *     retained event history
   */
  Watch watch(ResourceQuery query, long fromVersion);

  /** The newest resourceVersion handed out so far. */
  long currentVersion();
}
