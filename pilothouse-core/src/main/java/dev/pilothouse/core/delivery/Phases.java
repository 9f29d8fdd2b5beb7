package dev.pilothouse.core.delivery;

import java.time.Instant;

/**
 * The rollout's phase and message: Degraded when aborted or past its progress deadline, Paused
 * while a pause holds, Healthy once the stable revision runs at full size, Progressing otherwise.
 */
final class Phases {
  private Phases() {}

  static void assign(RolloutSpec spec, int steps, Observed observed, Instant now, Draft d) {
    if (d.abort) {
      d.phase = "Degraded";
      return;
    }
    if (spec.paused() || d.pause.isPresent()) {
      d.phase = "Paused";
      if (d.message.isEmpty() || d.message.startsWith("paused")) {
        d.message =
            "paused: " + d.pause.map(RolloutStatus.PauseCondition::reason).orElse("spec.paused");
      }
      return;
    }
    boolean done =
        d.currentPodHash.equals(d.stableHash) && observed.ready(d.stableHash) >= spec.replicas();
    if (done) {
      d.phase = "Healthy";
      return;
    }
    d.phase = "Progressing";
    if (d.progressedAt.isPresent()
        && now.isAfter(d.progressedAt.get().plus(spec.progressDeadline()))) {
      if (spec.progressDeadlineAbort()) {
        Abort.begin(
            d,
            "ProgressDeadlineExceeded: no progress for "
                + spec.progressDeadline().toSeconds()
                + "s",
            now);
        d.phase = "Degraded";
      } else {
        d.message =
            "ProgressDeadlineExceeded: no progress for "
                + spec.progressDeadline().toSeconds()
                + "s";
      }
    }
  }
}
