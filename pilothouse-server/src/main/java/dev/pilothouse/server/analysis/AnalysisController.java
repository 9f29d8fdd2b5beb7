package dev.pilothouse.server.analysis;

import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.control.Backoff;
import dev.pilothouse.core.control.ControllerLoop;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.ResourceStore;
import java.time.Clock;

/**
 * Starts the AnalysisRun controller: a {@link ControllerLoop} over AnalysisRun objects running
 * {@link AnalysisRunReconciler} on two workers (measurements block on provider HTTP calls).
 */
public final class AnalysisController {
  private static final int WORKERS = 2;

  private AnalysisController() {}

  /**
   * Starts the controller; close the result to stop it.
   *
   * @param resources the resource API the runs are read and written through
   * @param store the store under {@code resources} (watched for changes)
   * @param metrics the providers, e.g. {@code MetricProviders.standard()}
   * @param clock the time measurements are stamped with and scheduled by
   */
  public static AutoCloseable start(
      ResourceService resources, ResourceStore store, MetricSource metrics, Clock clock) {
    ConditionEvaluator conditions = new ConditionEvaluator();
    AnalysisRunReconciler reconciler =
        new AnalysisRunReconciler(
            resources,
            new AnalysisSpecParser(conditions),
            new MetricMeasurer(metrics, conditions, clock),
            clock);
    return new ControllerLoop(
            "analysis", store, AnalysisKinds.run(resources.kinds()), reconciler, Backoff.DEFAULT)
        .start(WORKERS);
  }
}
