package dev.pilothouse.server.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisRunStep;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.analysis.RunStatus;
import dev.pilothouse.core.analysis.RunStatusCodec;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.control.Reconciler;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;

/**
 * Runs one AnalysisRun step ({@link AnalysisRunStep}: the measurements that are due, an invalid
 * spec ending the run in Error), writes the status (only when it changed) and asks to be requeued
 * when the next measurement falls due.
 */
public final class AnalysisRunReconciler implements Reconciler {
  static final Actor ACTOR = new Actor("system:analysis-controller");

  private final ResourceService resources;
  private final KindInfo kind;
  private final AnalysisRunStep step;

  /** A reconciler writing through {@code resources}. */
  public AnalysisRunReconciler(
      ResourceService resources, AnalysisSpecParser parser, MetricMeasurer measurer, Clock clock) {
    this.resources = resources;
    this.kind = AnalysisKinds.run(resources.kinds());
    this.step = new AnalysisRunStep(parser, measurer, clock);
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
    AnalysisRunStep.Outcome outcome =
        step.advance(run.namespace(), run.name(), run.json().path("spec"), stored);
    writeStatus(run, outcome.status());
    return outcome.recheckIn().map(ReconcileResult::after).orElse(ReconcileResult.done());
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
