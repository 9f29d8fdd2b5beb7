package dev.pilothouse.server.delivery;

import dev.pilothouse.core.control.Backoff;
import dev.pilothouse.core.control.ControllerLoop;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.ResourceStore;
import java.time.Clock;
import java.util.List;

/** Starts the rollout controller (and the local stand-in for pod readiness) over a store. */
public final class DeliveryControllers implements AutoCloseable {
  private final ControllerLoop rollouts;
  private final ControllerLoop readiness; // null when a real runtime reports readiness

  private DeliveryControllers(ControllerLoop rollouts, ControllerLoop readiness) {
    this.rollouts = rollouts;
    this.readiness = readiness;
  }

  /** Starts both loops with {@link InstantReadiness} standing in for pods. */
  public static DeliveryControllers start(
      ResourceService resources,
      ResourceStore store,
      dev.pilothouse.core.events.EventLog events,
      Clock clock) {
    return start(resources, store, events, clock, true);
  }

  /**
   * Starts the rollout loop (ReplicaSet and AnalysisRun changes wake their owning rollout) and,
   * when {@code instantReadiness}, the stand-in that marks ReplicaSets ready at once; without it a
   * runtime (the local one, or Kubernetes) must report readiness.
   */
  public static DeliveryControllers start(
      ResourceService resources,
      ResourceStore store,
      dev.pilothouse.core.events.EventLog events,
      Clock clock,
      boolean instantReadiness) {
    KindInfo rolloutKind = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
    KindInfo rsKind = resources.kinds().byPath("apps", "v1", "replicasets");
    KindInfo runKind = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
    ControllerLoop rollouts =
        new ControllerLoop(
                "rollouts",
                store,
                rolloutKind,
                new RolloutController(resources, events, clock),
                Backoff.DEFAULT)
            .watchAlso(rsKind, r -> owner(rolloutKind, r))
            .watchAlso(runKind, r -> owner(rolloutKind, r))
            .start(2);
    ControllerLoop readiness =
        instantReadiness
            ? new ControllerLoop(
                    "replicasets", store, rsKind, new InstantReadiness(resources), Backoff.DEFAULT)
                .start(1)
            : null;
    return new DeliveryControllers(rollouts, readiness);
  }

  /** The rollouts work queue (for API actions that want an immediate reconcile). */
  public ControllerLoop rollouts() {
    return rollouts;
  }

  private static List<ResourceKey> owner(
      KindInfo rolloutKind, dev.pilothouse.core.resource.Resource r) {
    String owner = r.labels().get(Revisions.OWNER_LABEL);
    return owner == null ? List.of() : List.of(ResourceKey.of(rolloutKind, r.namespace(), owner));
  }

  @Override
  public void close() {
    rollouts.close();
    if (readiness != null) {
      readiness.close();
    }
  }
}
