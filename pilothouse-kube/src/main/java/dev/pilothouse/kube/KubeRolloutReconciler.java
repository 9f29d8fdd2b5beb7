package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.control.ReconcileResult;
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
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.RetryPolicy;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciles one Rollout on Kubernetes with the pure engine shared with the local runtime: observe
 * its ReplicaSets and AnalysisRuns (informer caches), plan, apply, write the status through the
 * status subresource with the read resourceVersion. A conflicting status write means the plan was
 * made from stale state: the whole reconcile is re-run from a fresh read, at most {@code
 * retry.maxAttempts()} times (then the work queue backs off). A Rollout whose spec does not parse
 * gets phase Degraded and an {@code InvalidSpec} condition naming the field, and is left alone
 * until it changes.
 */
final class KubeRolloutReconciler {
  static final String INVALID_SPEC = "InvalidSpec";
  static final String APPLY_FAILED = "ApplyFailed";

  private final KubeGateway gateway;
  private final KubeActionApplier applier;
  private final RetryPolicy retry;
  private final EventLog events;
  private final Clock clock;
  private final AtomicLong conflicts = new AtomicLong();

  KubeRolloutReconciler(
      KubeGateway gateway,
      KubeActionApplier applier,
      RetryPolicy retry,
      EventLog events,
      Clock clock) {
    this.gateway = gateway;
    this.applier = applier;
    this.retry = retry;
    this.events = events;
    this.clock = clock;
  }

  /** Status writes that conflicted and were retried from a fresh read (for metrics and tests). */
  long conflicts() {
    return conflicts.get();
  }

  ReconcileResult reconcile(String namespace, String name) {
    return gateway
        .cached(KubeKinds.ROLLOUTS, namespace, name)
        .map(this::reconcile)
        .orElse(ReconcileResult.done());
  }

  /**
   * Reconciles from {@code rollout} as read (possibly stale), retrying conflicts from fresh reads.
   */
  ReconcileResult reconcile(Resource rollout) {
    Resource current = rollout;
    for (int attempt = 1; ; attempt++) {
      try {
        return once(current);
      } catch (ConflictException e) {
        conflicts.incrementAndGet();
        if (attempt >= retry.maxAttempts()) {
          throw e;
        }
        var fresh = gateway.read(KubeKinds.ROLLOUTS, rollout.namespace(), rollout.name());
        if (fresh.isEmpty()) {
          return ReconcileResult.done();
        }
        current = fresh.get();
      }
    }
  }

  private ReconcileResult once(Resource rollout) {
    RolloutSpec spec;
    try {
      spec = RolloutParser.parse(rollout.json());
    } catch (ValidationException e) {
      invalid(rollout, e);
      return ReconcileResult.done();
    }
    List<Resource> owned =
        gateway.cachedList(
            KubeKinds.REPLICA_SETS, rollout.namespace(), Revisions.OWNER_LABEL, rollout.name());
    Observed observed =
        new Observed(owned.stream().map(ReplicaSetDocuments::observe).toList(), runPhases(rollout));
    RolloutStatus before = StatusJson.read(rollout.status());
    Plan plan = RolloutPlanner.plan(rollout.name(), spec, before, observed, clock.instant());
    try {
      applier.apply(rollout, spec, owned, plan.actions());
    } catch (ValidationException | NotFoundException e) {
      // e.g. a flag rollout naming a flag or variant that does not exist: the plan's status is
      // not written (its weight was not applied), but the user sees why on the rollout; the
      // controller retries with backoff.
      applyFailed(rollout, e);
      throw e;
    }
    writeStatus(rollout, spec, plan, observed);
    // Only after the status write succeeded, so a conflict-and-retry records each event once.
    for (PlatformEvent e :
        RolloutEvents.between(
            rollout.namespace(),
            rollout.name(),
            before,
            plan.status(),
            spec.stepCount(),
            clock.instant())) {
      events.append(withCluster(e));
      gateway.event(rollout, warning(e) ? "Warning" : "Normal", reason(e.type()), e.message());
    }
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
    removeCondition(status, INVALID_SPEC);
    if (status.equals(rollout.status())) {
      return;
    }
    ObjectNode body = rollout.toJson();
    body.set("status", status);
    gateway.updateStatus(KubeKinds.ROLLOUTS, rollout.namespace(), body);
  }

  private void applyFailed(Resource rollout, RuntimeException e) {
    String message = APPLY_FAILED + ": " + e.getMessage();
    if (message.equals(rollout.status().path("message").asText())) {
      return;
    }
    ObjectNode status =
        rollout.status().isObject() ? (ObjectNode) rollout.status().deepCopy() : Json.object();
    status.put("message", message);
    ObjectNode body = rollout.toJson();
    body.set("status", status);
    gateway.updateStatus(KubeKinds.ROLLOUTS, rollout.namespace(), body);
    gateway.event(rollout, "Warning", APPLY_FAILED, e.getMessage());
  }

  private void invalid(Resource rollout, ValidationException e) {
    ObjectNode status =
        rollout.status().isObject() ? (ObjectNode) rollout.status().deepCopy() : Json.object();
    String message = INVALID_SPEC + ": " + e.getMessage();
    if (message.equals(status.path("message").asText())
        && "Degraded".equals(status.path("phase").asText())) {
      return;
    }
    status.put("phase", "Degraded").put("message", message);
    status.put("observedGeneration", Long.toString(rollout.generation()));
    removeCondition(status, INVALID_SPEC);
    status
        .withArray("conditions")
        .addObject()
        .put("type", INVALID_SPEC)
        .put("status", "True")
        .put("reason", INVALID_SPEC)
        .put("message", e.getMessage())
        .put("lastTransitionTime", clock.instant().toString())
        .put("lastUpdateTime", clock.instant().toString());
    ObjectNode body = rollout.toJson();
    body.set("status", status);
    gateway.updateStatus(KubeKinds.ROLLOUTS, rollout.namespace(), body);
    gateway.event(rollout, "Warning", INVALID_SPEC, e.getMessage());
  }

  private static void removeCondition(ObjectNode status, String type) {
    JsonNode conditions = status.path("conditions");
    if (!conditions.isArray()) {
      return;
    }
    ArrayNode kept = Json.MAPPER.createArrayNode();
    conditions.forEach(c -> {
      if (!type.equals(c.path("type").asText())) {
        kept.add(c);
      }
    });
    if (kept.isEmpty()) {
      status.remove("conditions");
    } else {
      status.set("conditions", kept);
    }
  }

  private Map<String, AnalysisPhase> runPhases(Resource rollout) {
    Map<String, AnalysisPhase> phases = new HashMap<>();
    for (Resource run :
        gateway.cachedList(
            KubeKinds.ANALYSIS_RUNS, rollout.namespace(), Revisions.OWNER_LABEL, rollout.name())) {
      phases.put(
          run.name(),
          AnalysisPhase.parse(run.status().path("phase").asText(""), AnalysisPhase.Pending));
    }
    return phases;
  }

  private PlatformEvent withCluster(PlatformEvent e) {
    return new PlatformEvent(
        e.id(),
        e.time(),
        e.type(),
        e.namespace(),
        e.subject(),
        e.service(),
        gateway.cluster(),
        e.message(),
        e.attributes());
  }

  private static boolean warning(PlatformEvent e) {
    return e.type().endsWith("aborted") || e.type().endsWith("failed");
  }

  /** {@code rollout.step} becomes the Kubernetes event reason {@code RolloutStep}. */
  static String reason(String type) {
    StringBuilder sb = new StringBuilder();
    for (String part : type.split("[._-]")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }
}
