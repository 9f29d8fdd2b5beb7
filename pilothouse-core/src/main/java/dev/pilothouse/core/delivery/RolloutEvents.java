package dev.pilothouse.core.delivery;

import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform events a status change means: a new revision, a step reached, a pause, an abort, a
 * promotion, an analysis verdict. Pure: compares the status before and after a reconcile.
 */
public final class RolloutEvents {
  private RolloutEvents() {}

  /** Events for the change from {@code before} to {@code after} of rollout {@code name}. */
  public static List<PlatformEvent> between(
      String namespace,
      String name,
      RolloutStatus before,
      RolloutStatus after,
      int steps,
      Instant now) {
    List<PlatformEvent> events = new ArrayList<>();
    Map<String, String> revision = Map.of("revision", after.currentPodHash());
    if (!after.currentPodHash().equals(before.currentPodHash())) {
      events.add(
          event(
              now,
              "rollout.revision",
              namespace,
              name,
              "new revision " + after.currentPodHash(),
              revision));
    }
    if (after.currentStepIndex() != before.currentStepIndex()
        && after.currentStepIndex() < steps
        && !after.currentPodHash().equals(after.stableHash())) {
      events.add(
          event(
              now,
              "rollout.step",
              namespace,
              name,
              "step "
                  + (after.currentStepIndex() + 1)
                  + "/"
                  + steps
                  + ", canary weight "
                  + after.canaryWeight()
                  + "%",
              Map.of(
                  "revision",
                  after.currentPodHash(),
                  "step",
                  Integer.toString(after.currentStepIndex()))));
    }
    if (after.pause().isPresent() && before.pause().isEmpty()) {
      events.add(
          event(
              now,
              "rollout.paused",
              namespace,
              name,
              "paused: " + after.pause().get().reason(),
              revision));
    }
    if (after.abort() && !before.abort()) {
      events.add(event(now, "rollout.aborted", namespace, name, after.message(), revision));
    }
    if (!after.stableHash().equals(before.stableHash()) && !before.stableHash().isEmpty()) {
      events.add(
          event(
              now,
              "rollout.promoted",
              namespace,
              name,
              "revision " + after.stableHash() + " is stable (was " + before.stableHash() + ")",
              Map.of("revision", after.stableHash(), "previous", before.stableHash())));
    }
    analysisVerdicts(namespace, name, before, after, now, events);
    return events;
  }

  private static void analysisVerdicts(
      String namespace,
      String name,
      RolloutStatus before,
      RolloutStatus after,
      Instant now,
      List<PlatformEvent> events) {
    for (RolloutStatus.RunRef run : after.analysisRuns()) {
      AnalysisPhase previous =
          before.run(run.name()).map(RolloutStatus.RunRef::phase).orElse(AnalysisPhase.Pending);
      if (run.phase().completed() && run.phase() != previous) {
        events.add(
            event(
                now,
                "analysis." + run.phase().name().toLowerCase(java.util.Locale.ROOT),
                namespace,
                name,
                "analysis run " + run.name() + " " + run.phase(),
                Map.of("run", run.name(), "purpose", run.purpose().name())));
      }
    }
  }

  private static PlatformEvent event(
      Instant now,
      String type,
      String namespace,
      String name,
      String message,
      Map<String, String> attributes) {
    return PlatformEvent.of(now, type, namespace, "Rollout/" + name, name, message, attributes);
  }
}
