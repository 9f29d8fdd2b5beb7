package dev.pilothouse.core.resource;

/**
 * One change seen by a watch.
 *
 * @param type what happened
 * @param object the object after the change (for DELETED: its last state, stamped with the
 *     deletion's resourceVersion)
 */
public record WatchEvent(Type type, Resource object) {

  /** Kinds of change, named as in the Kubernetes watch protocol. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }
}
