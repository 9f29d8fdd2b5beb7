package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.util.List;
import java.util.Optional;

/**
 * The thin applier: carries out a plan's actions against the resource store (ReplicaSets, Services,
 * AnalysisRuns). Every action is idempotent, so a re-run after a crash or conflict is harmless.
 */
final class ActionApplier {
  static final Actor ACTOR = new Actor("system:rollout-controller");

  private final ResourceService resources;
  private final KindInfo replicaSets;
  private final KindInfo services;
  private final AnalysisRuns analysisRuns;
  private final TrafficRouter flagRouter;

  ActionApplier(ResourceService resources, AnalysisRuns analysisRuns, TrafficRouter flagRouter) {
    this.resources = resources;
    this.flagRouter = flagRouter;
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
    this.services = resources.kinds().byPath("", "v1", "services");
    this.analysisRuns = analysisRuns;
  }

  void apply(Resource rollout, List<Resource> owned, List<Action> actions) {
    for (Action action : actions) {
      switch (action) {
        case Action.ScaleReplicaSet s -> scale(rollout, owned, s);
        case Action.ScheduleScaleDown s -> annotate(rollout, s);
        case Action.SelectRevision s -> select(rollout.namespace(), s);
        case Action.RouteTraffic r -> route(rollout, r);
        case Action.StartAnalysis a -> analysisRuns.start(rollout, a);
        case Action.TerminateAnalysis t -> analysisRuns.terminate(rollout.namespace(), t.runName());
      }
    }
  }

  /**
   * Flag rollouts route through their flag; every other canary here is replica-ratio (the local
   * runtime's proxy weights its backends by ready pods), so the replica counts are the split.
   */
  private void route(Resource rollout, Action.RouteTraffic r) {
    JsonNode routing =
        rollout.json().path("spec").path("strategy").path("canary").path("trafficRouting");
    if (!routing.path("plugins").has(FlagRouting.PLUGIN)) {
      return;
    }
    flagRouter.route(
        new TrafficRouter.Target(
            rollout.namespace(), rollout.name(), "", "", r.stableHash(), r.canaryHash(), routing),
        r.canaryWeight());
  }

  private void scale(Resource rollout, List<Resource> owned, Action.ScaleReplicaSet s) {
    String name = ReplicaSetDocuments.name(rollout.name(), s.hash());
    Optional<Resource> existing = owned.stream().filter(r -> r.name().equals(name)).findFirst();
    if (existing.isEmpty()) {
      if (s.replicas() > 0) {
        int revision = owned.stream().mapToInt(ReplicaSetDocuments::revision).max().orElse(0) + 1;
        resources.create(
            replicaSets,
            rollout.namespace(),
            ReplicaSetDocuments.create(rollout, s.hash(), s.replicas(), revision),
            ACTOR);
      }
      return;
    }
    boolean scheduled =
        existing.get().metadata().path("annotations").has(ReplicaSetDocuments.SCALE_DOWN);
    if (existing.get().json().path("spec").path("replicas").asInt() != s.replicas()
        || (scheduled && s.replicas() > 0)) {
      ObjectNode patch = Json.object();
      patch.putObject("spec").put("replicas", s.replicas());
      if (s.replicas() > 0 || scheduled) {
        patch
            .putObject("metadata")
            .putObject("annotations")
            .putNull(ReplicaSetDocuments.SCALE_DOWN);
      }
      resources.patch(replicaSets, rollout.namespace(), name, patch, false, ACTOR);
    }
  }

  private void annotate(Resource rollout, Action.ScheduleScaleDown s) {
    ObjectNode patch = Json.object();
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(ReplicaSetDocuments.SCALE_DOWN, s.at().toString());
    resources.patch(
        replicaSets,
        rollout.namespace(),
        ReplicaSetDocuments.name(rollout.name(), s.hash()),
        patch,
        false,
        ACTOR);
  }

  /** Points a Service at a revision; a Service that does not exist (yet) is left alone. */
  private void select(String namespace, Action.SelectRevision s) {
    try {
      Resource service = resources.get(services, namespace, s.service());
      if (!s.hash()
          .equals(
              service.json().path("spec").path("selector").path(Revisions.HASH_LABEL).asText())) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("selector").put(Revisions.HASH_LABEL, s.hash());
        resources.patch(services, namespace, s.service(), patch, false, ACTOR);
      }
    } catch (NotFoundException e) {
      // The user may create the Service after the Rollout; the next reconcile selects it.
    }
  }
}
