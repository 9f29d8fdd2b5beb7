package dev.pilothouse.store;

import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.resource.Resource;

/** What became of one create in a group commit: each caller gets its own outcome. */
sealed interface CreateOutcome {
  /**
   * Committed (durable) with this resourceVersion. Only the number: the caller stamps it on its own
   * copy of the object, so that the deep copy is not made on the writer thread everyone waits for.
   */
  record Created(long version) implements CreateOutcome {}

  /** Refused: an object with this key exists (or was created earlier in the same batch). */
  record Exists() implements CreateOutcome {}

  /** Not written: the database failed (the error is already client-safe, see StoreErrors). */
  record Failed(RuntimeException error) implements CreateOutcome {}

  /**
   * The created object, or the typed error. AlreadyExists is made here, in the caller's thread, so
   * its stack shows the caller; a failure is the caller's own instance (never shared by waiters).
   */
  static Resource unwrap(CreateOutcome outcome, BatchCreate.Item item) {
    return switch (outcome) {
      case Created c -> item.resource().withResourceVersion(c.version());
      case Exists e -> throw new AlreadyExistsException(item.key() + " already exists");
      case Failed f -> throw f.error();
    };
  }
}
