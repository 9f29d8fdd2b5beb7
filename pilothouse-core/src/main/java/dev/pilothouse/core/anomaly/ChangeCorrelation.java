package dev.pilothouse.core.anomaly;

import dev.pilothouse.core.events.PlatformEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which platform changes may have caused an anomaly: rollout and flag events ({@code rollout.*},
 * {@code flag.*}) of the same service (any service when the monitor names none) that happened at
 * most {@code window} before the anomaly started, and not after it. Newest first, since the latest
 * change is the usual suspect.
 */
public final class ChangeCorrelation {
  private ChangeCorrelation() {}

  /**
   * The suspected changes among {@code events}.
   *
   * @param start when the anomaly started
   * @param service the monitored service, empty for any
   * @param window how long before {@code start} a change is still a suspect
   * @param events candidate events in any order
   */
  public static List<PlatformEvent> suspects(
      Instant start, String service, Duration window, List<PlatformEvent> events) {
    Instant earliest = start.minus(window);
    return events.stream()
        .filter(ChangeCorrelation::isChange)
        .filter(e -> service.isEmpty() || service.equals(e.service()))
        .filter(e -> !e.time().isBefore(earliest) && !e.time().isAfter(start))
        .sorted(Comparator.comparing(PlatformEvent::time).reversed())
        .toList();
  }

  /** Rollout steps, promotions, aborts and flag changes are changes; anomalies are not. */
  static boolean isChange(PlatformEvent e) {
    return e.type().startsWith("rollout.") || e.type().startsWith("flag.");
  }
}
