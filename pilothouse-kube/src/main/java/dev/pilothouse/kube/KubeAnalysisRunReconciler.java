package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisRunStep;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.analysis.RunStatus;
import dev.pilothouse.core.analysis.RunStatusCodec;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.resource.Resource;
import java.time.Clock;

/**
 * Runs one AnalysisRun step on Kubernetes with the same {@link AnalysisRunStep} as the local
 * runtime: takes the measurements that are due, writes the status through the status subresource
 * (conditional on the read resourceVersion) and asks to be requeued when the next measurement falls
 * due.
 */
final class KubeAnalysisRunReconciler {
  private final KubeGateway gateway;
  private final AnalysisRunStep step;

  KubeAnalysisRunReconciler(
      KubeGateway gateway, AnalysisSpecParser parser, MetricMeasurer measurer, Clock clock) {
    this.gateway = gateway;
    this.step = new AnalysisRunStep(parser, measurer, clock);
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
    AnalysisRunStep.Outcome outcome =
        step.advance(namespace, name, run.json().path("spec"), stored);
    write(run, outcome.status());
    return outcome.recheckIn().map(ReconcileResult::after).orElse(ReconcileResult.done());
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
