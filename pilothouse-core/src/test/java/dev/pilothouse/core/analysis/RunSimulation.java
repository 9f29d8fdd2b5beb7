package dev.pilothouse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives {@link AnalysisRunPlanner} on a fake clock: each tick plans, "measures" every due metric
 * with the next scripted phase for it, and records the results.
 */
final class RunSimulation {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final AnalysisSpec spec;
  private final Map<String, Deque<AnalysisPhase>> scripts = new HashMap<>();
  RunStatus status = RunStatus.empty();
  Instant now = T0;
  RunPlan lastPlan;

  AnalysisSpec spec() {
    return spec;
  }

  RunSimulation(AnalysisSpec spec) {
    this.spec = spec;
  }

  RunSimulation script(String metric, AnalysisPhase... phases) {
    scripts.computeIfAbsent(metric, m -> new ArrayDeque<>()).addAll(List.of(phases));
    return this;
  }

  /** Plans at the current time and records a measurement for each due metric. */
  List<String> tick() {
    lastPlan = AnalysisRunPlanner.plan(spec, status, now);
    status = lastPlan.status();
    Map<String, MeasurementRecord> taken = new HashMap<>();
    for (MetricSpec m : lastPlan.due()) {
      AnalysisPhase phase = scripts.get(m.name()).removeFirst();
      taken.put(m.name(), new MeasurementRecord(phase, "1", now, now, ""));
    }
    if (!taken.isEmpty()) {
      status = AnalysisRunPlanner.record(spec, status, taken, now);
    }
    return lastPlan.due().stream().map(MetricSpec::name).toList();
  }

  /** Advances the clock and ticks. */
  List<String> tickAfter(Duration d) {
    now = now.plus(d);
    return tick();
  }

  /** Ticks at each due time until the run ends (at most {@code max} ticks). */
  RunStatus runToEnd(int max) {
    tick();
    for (int i = 0; i < max && !status.phase().completed(); i++) {
      RunPlan p = AnalysisRunPlanner.plan(spec, status, now);
      now = p.nextCheck().orElse(now);
      tick();
    }
    return status;
  }

  MetricResult result(String metric) {
    return status.result(metric).orElseThrow();
  }
}
