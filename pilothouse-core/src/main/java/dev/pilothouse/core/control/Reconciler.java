package dev.pilothouse.core.control;

import dev.pilothouse.core.resource.ResourceKey;

/**
 * Brings one object's world in line with its spec. Called by a {@link ControllerLoop} whenever the
 * object (or something it owns) changes, and again when it asks to be requeued. Must be idempotent:
 * it may run any number of times for the same state.
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * Reconciles the object with this key (which may have been deleted meanwhile).
   *
   * @return when to look again
   */
  ReconcileResult reconcile(ResourceKey key) throws Exception;
}
