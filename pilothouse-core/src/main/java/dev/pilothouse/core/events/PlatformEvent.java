package dev.pilothouse.core.events;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened on the platform (a rollout step, an abort, a flag change, an alert, an
 * anomaly, a backup), kept in one timeline that incident correlation, DORA metrics and the portal
 * read.
 *
 * @param id assigned by the log, increasing
 * @param type dotted type, e.g. {@code rollout.step}, {@code rollout.aborted}
 * @param namespace namespace of the subject, empty when cluster-wide
 * @param subject what it is about, e.g. {@code Rollout/checkout}
 * @param service the service it concerns (for timelines per service)
 * @param attributes extra facts, e.g. {@code revision}, {@code step}
 */
public record PlatformEvent(
    long id,
    Instant time,
    String type,
    String namespace,
    String subject,
    String service,
    String cluster,
    String message,
    Map<String, String> attributes) {

  public PlatformEvent {
    attributes = Map.copyOf(attributes);
  }

  /** An event not yet stored (id 0). */
  public static PlatformEvent of(
      Instant time,
      String type,
      String namespace,
      String subject,
      String service,
      String message,
      Map<String, String> attributes) {
    return new PlatformEvent(
        0, time, type, namespace, subject, service, "local", message, attributes);
  }
}
