package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of an AnalysisRun that has not completed, shared by the local and the Kubernetes
 * reconcilers (each reads and writes the run its own way): parses the run's spec (an invalid one
 * ends the run in Error with the validation message, as Argo does), takes the measurements {@link
 * AnalysisRunPlanner} says are due through the {@link MetricMeasurer}, and says when to look again.
 */
public final class AnalysisRunStep {
  private final AnalysisSpecParser parser;
  private final MetricMeasurer measurer;
  private final Clock clock;

  /**
   * The outcome of a step.
   *
   * @param status the run's status to write (if it differs from the stored one)
   * @param recheckIn when the next measurement falls due; empty when the run finished or waits for
   *     nothing
   */
  public record Outcome(RunStatus status, Optional<Duration> recheckIn) {}

  /** A step over {@code parser}, {@code measurer} and {@code clock}. */
  public AnalysisRunStep(AnalysisSpecParser parser, MetricMeasurer measurer, Clock clock) {
    this.parser = parser;
    this.measurer = measurer;
    this.clock = clock;
  }

  /**
   * Advances the run.
   *
   * @param runSpec the AnalysisRun's {@code spec}
   * @param stored its status as stored
   */
  public Outcome advance(String namespace, String name, JsonNode runSpec, RunStatus stored) {
    AnalysisSpec spec;
    try {
      spec = parser.parse(ArgSubstitution.runSpec(runSpec));
    } catch (ValidationException e) {
      Instant started = stored.startedAt() == null ? clock.instant() : stored.startedAt();
      return new Outcome(
          new RunStatus(AnalysisPhase.Error, e.getMessage(), started, List.of()), Optional.empty());
    }
    RunStatus next = measureDue(namespace, name, spec, stored);
    RunPlan after = AnalysisRunPlanner.plan(spec, next, clock.instant());
    if (after.finished() || after.nextCheck().isEmpty()) {
      return new Outcome(next, Optional.empty());
    }
    Duration wait = Duration.between(clock.instant(), after.nextCheck().get());
    return new Outcome(next, Optional.of(wait.isNegative() ? Duration.ZERO : wait));
  }

  private RunStatus measureDue(String namespace, String name, AnalysisSpec spec, RunStatus stored) {
    RunPlan plan = AnalysisRunPlanner.plan(spec, stored, clock.instant());
    if (plan.due().isEmpty()) {
      return plan.status();
    }
    Map<String, String> context = Map.of("namespace", namespace, "analysisRun", name);
    Map<String, MeasurementRecord> taken = new LinkedHashMap<>();
    for (MetricSpec metric : plan.due()) {
      taken.put(metric.name(), measurer.measure(metric, context));
    }
    return AnalysisRunPlanner.record(spec, plan.status(), taken, clock.instant());
  }
}
