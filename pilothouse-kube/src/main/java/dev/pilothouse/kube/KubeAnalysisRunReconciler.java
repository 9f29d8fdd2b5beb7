package dev.pilothouse.kube;

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
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.resource.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one AnalysisRun step on Kubernetes with the same pure planner as the local runtime: takes
 * the measurements that are due, writes the status through the status subresource (conditional on
 * the read resourceVersion) and asks to be requeued when the next measurement falls due.
 */
final class KubeAnalysisRunReconciler {
  private final KubeGateway gateway;
  private final AnalysisSpecParser parser;
  private final MetricMeasurer measurer;
  private final Clock clock;

  KubeAnalysisRunReconciler(
      KubeGateway gateway, AnalysisSpecParser parser, MetricMeasurer measurer, Clock clock) {
    this.gateway = gateway;
    this.parser = parser;
    this.measurer = measurer;
    this.clock = clock;
  }

  ReconcileResult reconcile(String namespace, String name) {
    Resource run = gateway.cached(KubeKinds.ANALYSIS_RUNS, namespace, name).orElse(null);
    if (run == null) {
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
      Instant started = stored.startedAt() == null ? clock.instant() : stored.startedAt();
      write(run, new RunStatus(AnalysisPhase.Error, e.getMessage(), started, List.of()));
      return ReconcileResult.done();
    }
    RunPlan plan = AnalysisRunPlanner.plan(spec, stored, clock.instant());
    RunStatus next = plan.status();
    if (!plan.due().isEmpty()) {
      Map<String, String> context = Map.of("namespace", namespace, "analysisRun", name);
      Map<String, MeasurementRecord> taken = new LinkedHashMap<>();
      for (MetricSpec metric : plan.due()) {
        taken.put(metric.name(), measurer.measure(metric, context));
      }
      next = AnalysisRunPlanner.record(spec, plan.status(), taken, clock.instant());
    }
    write(run, next);
    RunPlan after = AnalysisRunPlanner.plan(spec, next, clock.instant());
    if (after.finished() || after.nextCheck().isEmpty()) {
      return ReconcileResult.done();
    }
    Duration wait = Duration.between(clock.instant(), after.nextCheck().get());
    return ReconcileResult.after(wait.isNegative() ? Duration.ZERO : wait);
  }

  private void write(Resource run, RunStatus status) {
    ObjectNode written = RunStatusCodec.write(run.status(), status);
    if (written.equals(run.status())) {
      return;
    }
    ObjectNode body = run.toJson();
    body.set("status", written);
    gateway.updateStatus(KubeKinds.ANALYSIS_RUNS, run.namespace(), body);
  }
}
