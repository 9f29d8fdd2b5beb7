package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.RolloutSpec;
import dev.pilothouse.core.delivery.Strategy;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.util.List;
import java.util.Optional;

/**
 * The thin applier on Kubernetes: carries out a plan's actions with JSON merge patches and creates.
 * Every action is idempotent, so re-running it after a conflict or a crash is harmless.
 */
final class KubeActionApplier {
  private final KubeGateway gateway;
  private final KubeAnalysisRuns runs;
  private final TrafficRouters routers;

  KubeActionApplier(KubeGateway gateway, KubeAnalysisRuns runs, TrafficRouters routers) {
    this.gateway = gateway;
    this.runs = runs;
    this.routers = routers;
  }

  void apply(Resource rollout, RolloutSpec spec, List<Resource> owned, List<Action> actions) {
    for (Action action : actions) {
      switch (action) {
        case Action.ScaleReplicaSet s -> scale(rollout, owned, s);
        case Action.ScheduleScaleDown s -> scheduleScaleDown(rollout, s);
        case Action.SelectRevision s -> select(rollout.namespace(), s);
        case Action.RouteTraffic r -> route(rollout, spec, r);
        case Action.StartAnalysis a -> runs.start(rollout, a);
        case Action.TerminateAnalysis t -> runs.terminate(rollout.namespace(), t.runName());
      }
    }
  }

  private void scale(Resource rollout, List<Resource> owned, Action.ScaleReplicaSet s) {
    String name = ReplicaSetDocuments.name(rollout.name(), s.hash());
    Optional<Resource> existing = owned.stream().filter(r -> r.name().equals(name)).findFirst();
    if (existing.isEmpty()) {
      if (s.replicas() > 0) {
        int revision = owned.stream().mapToInt(ReplicaSetDocuments::revision).max().orElse(0) + 1;
        try {
          gateway.create(
              KubeKinds.REPLICA_SETS,
              rollout.namespace(),
              ReplicaSetDocuments.create(rollout, s.hash(), s.replicas(), revision));
        } catch (AlreadyExistsException e) {
          // The informer has not seen our earlier create yet: scale it instead.
          patchReplicas(rollout, name, s.replicas(), true);
        }
      }
      return;
    }
    boolean scheduled =
        existing.get().metadata().path("annotations").has(ReplicaSetDocuments.SCALE_DOWN);
    if (existing.get().json().path("spec").path("replicas").asInt() != s.replicas()
        || (scheduled && s.replicas() > 0)) {
      patchReplicas(rollout, name, s.replicas(), s.replicas() > 0 || scheduled);
    }
  }

  private void patchReplicas(Resource rollout, String name, int replicas, boolean unschedule) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("replicas", replicas);
    if (unschedule) {
      patch.putObject("metadata").putObject("annotations").putNull(ReplicaSetDocuments.SCALE_DOWN);
    }
    gateway.mergePatch(KubeKinds.REPLICA_SETS, rollout.namespace(), name, patch);
  }

  private void scheduleScaleDown(Resource rollout, Action.ScheduleScaleDown s) {
    ObjectNode patch = Json.object();
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(ReplicaSetDocuments.SCALE_DOWN, s.at().toString());
    try {
      gateway.mergePatch(
          KubeKinds.REPLICA_SETS,
          rollout.namespace(),
          ReplicaSetDocuments.name(rollout.name(), s.hash()),
          patch);
    } catch (NotFoundException e) {
      // Already gone: nothing to scale down.
    }
  }

  /** Points a Service's selector at a revision; a missing Service is selected once it exists. */
  private void select(String namespace, Action.SelectRevision s) {
    Optional<Resource> service = gateway.read(KubeKinds.SERVICES, namespace, s.service());
    if (service.isEmpty()
        || s.hash()
            .equals(
                service
                    .get()
                    .json()
                    .path("spec")
                    .path("selector")
                    .path(Revisions.HASH_LABEL)
                    .asText())) {
      return;
    }
    ObjectNode patch = Json.object();
    patch.putObject("spec").putObject("selector").put(Revisions.HASH_LABEL, s.hash());
    gateway.mergePatch(KubeKinds.SERVICES, namespace, s.service(), patch);
  }

  private void route(Resource rollout, RolloutSpec spec, Action.RouteTraffic r) {
    if (!(spec.strategy() instanceof Strategy.Canary canary)) {
      return;
    }
    var routing =
        rollout.json().path("spec").path("strategy").path("canary").path("trafficRouting");
    TrafficRouter router = routers.forRouting(routing);
    router.route(
        new TrafficRouter.Target(
            rollout.namespace(),
            rollout.name(),
            canary.stableService(),
            canary.canaryService(),
            r.stableHash(),
            r.canaryHash(),
            routing),
        r.canaryWeight());
  }
}
