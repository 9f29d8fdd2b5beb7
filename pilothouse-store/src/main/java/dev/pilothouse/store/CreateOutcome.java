package dev.pilothouse.store;

import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;

/** What became of one create in a group commit: each caller gets its own outcome. */
sealed interface CreateOutcome {
  /** Committed (durable) with the version it was given. */
  record Created(Resource resource) implements CreateOutcome {}

  /** Refused: an object with this key exists (or was created earlier in the same batch). */
  record Exists() implements CreateOutcome {}

  /** Not written: the database failed (the error is already client-safe, see StoreErrors). */
  record Failed(RuntimeException error) implements CreateOutcome {}

  /**
   * The created object, or the typed error. AlreadyExists is made here, in the caller's thread, so
   * its stack shows the caller; a failure is the caller's own instance (never shared by waiters).
   */
  static Resource unwrap(CreateOutcome outcome, ResourceKey key) {
    return switch (outcome) {
      case Created c -> c.resource();
      case Exists e -> throw new AlreadyExistsException(key + " already exists");
      case Failed f -> throw f.error();
    };
  }
}
