package dev.pilothouse.server.delivery;

import dev.pilothouse.core.control.Backoff;
import dev.pilothouse.core.control.ControllerLoop;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.ResourceStore;
import java.time.Clock;
import java.util.List;

/** Starts the rollout controller (and the local stand-in for pod readiness) over a store. */
public final class DeliveryControllers implements AutoCloseable {
  private final ControllerLoop rollouts;
  private final ControllerLoop readiness;

  private DeliveryControllers(ControllerLoop rollouts, ControllerLoop readiness) {
    this.rollouts = rollouts;
    this.readiness = readiness;
  }

  /** Starts both loops; ReplicaSet and AnalysisRun changes wake their owning rollout. */
  public static DeliveryControllers start(
      ResourceService resources,
      ResourceStore store,
      dev.pilothouse.core.events.EventLog events,
      Clock clock) {
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
        new ControllerLoop(
                "replicasets", store, rsKind, new InstantReadiness(resources), Backoff.DEFAULT)
            .start(1);
    return new DeliveryControllers(rollouts, readiness);
  }

  /** The rollouts work queue (for API actions that want an immediate reconcile). */
  public ControllerLoop rollouts() {
    return rollouts;
  }

  private static List<ResourceKey> owner(
      KindInfo rolloutKind, dev.pilothouse.core.resource.Resource r) {
    String owner = r.labels().get(ReplicaSets.OWNER_LABEL);
    return owner == null ? List.of() : List.of(ResourceKey.of(rolloutKind, r.namespace(), owner));
  }

  @Override
  public void close() {
    rollouts.close();
    readiness.close();
  }
}
