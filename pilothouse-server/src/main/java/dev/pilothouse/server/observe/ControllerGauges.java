package dev.pilothouse.server.observe;

import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.slo.SloResources;

/**
 * Gauges about what the controllers manage, read at scrape time so the shipped alert rules can
 * watch them: Degraded (aborted) rollouts, failed or errored analysis runs, and stored SLO specs
 * that no longer resolve. Each scrape lists those kinds once.
 */
public final class ControllerGauges {
  private ControllerGauges() {}

  /** Registers the gauges on {@code metrics}. */
  public static void register(ServerMetrics metrics, ResourceService resources) {
    metrics.gauge(
        "pilothouse_rollouts_degraded",
        "Rollouts whose phase is Degraded (aborted or failed)",
        () -> count(resources, "argoproj.io", "v1alpha1", "rollouts", "Degraded", "Degraded"));
    metrics.gauge(
        "pilothouse_analysis_runs_failed",
        "AnalysisRuns whose phase is Failed or Error",
        () -> count(resources, "argoproj.io", "v1alpha1", "analysisruns", "Failed", "Error"));
    metrics.gauge(
        "pilothouse_slo_specs_broken",
        "Stored SLO resources that do not resolve (e.g. an OpenSLO SLO naming a missing SLI)",
        () -> safely(() -> SloResources.catalog(resources, null).problems().size()));
  }

  private static int count(
      ResourceService resources,
      String group,
      String version,
      String plural,
      String phase,
      String otherPhase) {
    return safely(() -> {
      var kind = resources.kinds().byPath(group, version, plural);
      return (int)
          resources.list(kind, null, LabelSelector.ALL).items().stream()
              .map(r -> r.json().path("status").path("phase").asText(""))
              .filter(p -> p.equals(phase) || p.equals(otherPhase))
              .count();
    });
  }

  // A scrape must not fail because the store is briefly unavailable; PilothouseDown and the pool
  // alerts cover that case.
  private static int safely(java.util.function.IntSupplier value) {
    try {
      return value.getAsInt();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
