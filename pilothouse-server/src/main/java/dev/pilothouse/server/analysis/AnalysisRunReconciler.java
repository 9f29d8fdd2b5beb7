package dev.pilothouse.server.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.analysis.AnalysisRunPlanner;
import dev.pilothouse.core.analysis.AnalysisSpec;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ArgSubstitution;
import dev.pilothouse.core.analysis.MeasurementRecord;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.analysis.MetricSpec;
import dev.pilothouse.core.analysis.RunPlan;
import dev.pilothouse.core.analysis.RunStatus;
import dev.pilothouse.core.analysis.RunStatusCodec;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.control.Reconciler;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one AnalysisRun step: reads it, asks {@link AnalysisRunPlanner} what is due, takes those
 * measurements through the {@link MetricMeasurer}, writes the status (only when it changed) and
 * asks to be requeued when the next measurement falls due. An invalid spec ends the run in Error
 * with the validation message, as Argo does.
 */
public final class AnalysisRunReconciler implements Reconciler {
  static final Actor ACTOR = new Actor("system:analysis-controller");

  private final ResourceService resources;
  private final KindInfo kind;
  private final AnalysisSpecParser parser;
  private final MetricMeasurer measurer;
  private final Clock clock;

  /** A reconciler writing through {@code resources}. */
  public AnalysisRunReconciler(
      ResourceService resources, AnalysisSpecParser parser, MetricMeasurer measurer, Clock clock) {
    this.resources = resources;
    this.kind = AnalysisKinds.run(resources.kinds());
    this.parser = parser;
    this.measurer = measurer;
    this.clock = clock;
  }

  @Override
  public ReconcileResult reconcile(ResourceKey key) {
    Resource run;
    try {
      run = resources.get(kind, key.namespace(), key.name());
    } catch (NotFoundException e) {
      return ReconcileResult.done();
    }
    RunStatus stored = RunStatusCodec.read(run.status());
    if (stored.phase().completed()) {
      return ReconcileResult.done();
    }
    AnalysisSpec spec;
    try {
      spec = parser.parse(ArgSubstitution.runSpec(run.json().path("spec")));
    } catch (ValidationException e) {
      writeStatus(run, invalid(stored, e));
      return ReconcileResult.done();
    }
    RunStatus next = step(run, spec, stored);
    writeStatus(run, next);
    return requeue(AnalysisRunPlanner.plan(spec, next, clock.instant()));
  }

  private RunStatus step(Resource run, AnalysisSpec spec, RunStatus stored) {
    RunPlan plan = AnalysisRunPlanner.plan(spec, stored, clock.instant());
    if (plan.due().isEmpty()) {
      return plan.status();
    }
    Map<String, String> context = Map.of("namespace", run.namespace(), "analysisRun", run.name());
    Map<String, MeasurementRecord> taken = new LinkedHashMap<>();
    for (MetricSpec metric : plan.due()) {
      taken.put(metric.name(), measurer.measure(metric, context));
    }
    return AnalysisRunPlanner.record(spec, plan.status(), taken, clock.instant());
  }

  private ReconcileResult requeue(RunPlan plan) {
    if (plan.finished() || plan.nextCheck().isEmpty()) {
      return ReconcileResult.done();
    }
    Duration wait = Duration.between(clock.instant(), plan.nextCheck().get());
    return ReconcileResult.after(wait.isNegative() ? Duration.ZERO : wait);
  }

  private RunStatus invalid(RunStatus stored, ValidationException e) {
    Instant started = stored.startedAt() == null ? clock.instant() : stored.startedAt();
    return new RunStatus(AnalysisPhase.Error, e.getMessage(), started, List.of());
  }

  private void writeStatus(Resource run, RunStatus status) {
    ObjectNode written = RunStatusCodec.write(run.status(), status);
    if (written.equals(run.status())) {
      return;
    }
    ObjectNode body = run.toJson();
    body.set("status", written);
    // The read resourceVersion stays in the body: a concurrent change makes this a conflict, and
    // the loop retries on fresh state instead of overwriting it.
    resources.replaceStatus(kind, run.namespace(), run.name(), body, ACTOR);
  }
}
