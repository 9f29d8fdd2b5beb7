package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.control.Reconciler;
import dev.pilothouse.core.delivery.Observed;
import dev.pilothouse.core.delivery.Plan;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.RolloutEvents;
import dev.pilothouse.core.delivery.RolloutParser;
import dev.pilothouse.core.delivery.RolloutPlanner;
import dev.pilothouse.core.delivery.RolloutSpec;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.delivery.StatusJson;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciles one Rollout: observe its ReplicaSets and AnalysisRuns, plan with the pure engine,
 * apply the actions, write the status (conditional on the resourceVersion read, so a concurrent
 * promote or abort is never overwritten: the conflict makes the loop retry from a fresh read).
 */
public final class RolloutController implements Reconciler {
  private final ResourceService resources;
  private final Clock clock;
  private final ActionApplier applier;
  private final KindInfo rollouts;
  private final KindInfo replicaSets;
  private final KindInfo analysisRuns;
  private final EventLog events;

  /** Creates the controller; transitions are recorded in {@code events}. */
  public RolloutController(ResourceService resources, EventLog events, Clock clock) {
    this.resources = resources;
    this.events = events;
    this.clock = clock;
    this.applier =
        new ActionApplier(
            resources,
            new AnalysisRuns(resources),
            new FlagTrafficRouter(
                new dev.pilothouse.server.flags.FlagOperations(resources, events)));
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
    this.analysisRuns = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
  }

  @Override
  public ReconcileResult reconcile(ResourceKey key) {
    Resource rollout;
    try {
      rollout = resources.get(rollouts, key.namespace(), key.name());
    } catch (NotFoundException e) {
      // Deleted; its ReplicaSets stay until owner garbage collection exists.
      return ReconcileResult.done();
    }
    RolloutSpec spec = RolloutParser.parse(rollout.json());
    List<Resource> owned = owned(replicaSets, rollout);
    Observed observed =
        new Observed(owned.stream().map(ReplicaSetDocuments::observe).toList(), runPhases(rollout));
    RolloutStatus before = StatusJson.read(rollout.status());
    Plan plan = RolloutPlanner.plan(rollout.name(), spec, before, observed, clock.instant());
    try {
      applier.apply(rollout, owned, plan.actions());
    } catch (ValidationException | NotFoundException e) {
      // e.g. a flag rollout naming a flag or variant that does not exist: the plan's status is
      // not written (its weight was not applied), but the user sees why on the rollout.
      reportFailure(rollout, e);
      throw e;
    }
    writeStatus(rollout, spec, plan, observed);
    // After the status write: if it conflicts, the retry re-plans and records the events once.
    RolloutEvents.between(
            rollout.namespace(),
            rollout.name(),
            before,
            plan.status(),
            spec.stepCount(),
            clock.instant())
        .forEach(events::append);
    return plan.requeueAfter().map(ReconcileResult::after).orElse(ReconcileResult.done());
  }

  private void writeStatus(Resource rollout, RolloutSpec spec, Plan plan, Observed observed) {
    ObjectNode status =
        StatusJson.write(
            plan.status(),
            rollout.status(),
            rollout.generation(),
            StatusJson.ReplicaCounts.observed(
                spec.replicas(), plan.status().currentPodHash(), observed));
    if (status.equals(rollout.status())) {
      return;
    }
    ObjectNode body = rollout.toJson();
    body.set("status", status);
    resources.replaceStatus(
        rollouts, rollout.namespace(), rollout.name(), body, ActionApplier.ACTOR);
  }

  private void reportFailure(Resource rollout, RuntimeException e) {
    ObjectNode patch = dev.pilothouse.core.json.Json.object();
    patch.putObject("status").put("message", "ApplyFailed: " + e.getMessage());
    resources.patch(
        rollouts, rollout.namespace(), rollout.name(), patch, true, ActionApplier.ACTOR);
  }

  private Map<String, AnalysisPhase> runPhases(Resource rollout) {
    Map<String, AnalysisPhase> phases = new HashMap<>();
    for (Resource run : owned(analysisRuns, rollout)) {
      phases.put(
          run.name(),
          AnalysisPhase.parse(run.status().path("phase").asText(""), AnalysisPhase.Pending));
    }
    return phases;
  }

  private List<Resource> owned(KindInfo kind, Resource rollout) {
    LabelSelector owner = LabelSelector.parse(Revisions.OWNER_LABEL + "=" + rollout.name());
    return resources.list(kind, rollout.namespace(), owner).items();
  }
}
