package dev.pilothouse.core.events;

/**
 * Which events to read; null fields do not filter.
 *
 * @param typePrefix e.g. {@code rollout.} for every rollout event
 * @param limit at most this many, newest first
 */
public record EventQuery(
    String namespace, String subject, String service, String typePrefix, int limit) {

  /** Whether an event passes the filters (the limit aside). */
  public boolean matches(PlatformEvent e) {
    return (namespace == null || namespace.equals(e.namespace()))
        && (subject == null || subject.equals(e.subject()))
        && (service == null || service.equals(e.service()))
        && (typePrefix == null || e.type().startsWith(typePrefix));
  }
}
