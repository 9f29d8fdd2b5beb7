package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An analysis run of the rollout's current revision, with a chart per metric once it has
 * measurements.
 *
 * @param purpose step, background, pre-promotion or post-promotion
 * @param phase the run's phase: its own when it exists, else the rollout's last record of it
 */
public record RunView(String name, String purpose, String phase, List<MetricChart> charts) {

  /** A run the rollout's status lists, enriched from the stored AnalysisRun if there is one. */
  static RunView of(JsonNode ref, Optional<Resource> run) {
    String phase =
        run.map(r -> r.status().path("phase").asText(""))
            .filter(p -> !p.isEmpty())
            .orElse(ref.path("phase").asText("Pending"));
    List<MetricChart> charts = new ArrayList<>();
    run.ifPresent(r ->
        r.status().path("metricResults").forEach(m -> MetricChart.of(m).ifPresent(charts::add)));
    String purpose = ref.path("purpose").asText("STEP").toLowerCase(Locale.ROOT).replace('_', '-');
    return new RunView(ref.path("name").asText(), purpose, phase, charts);
  }

  /** The badge class: successful runs read as healthy, failed ones as degraded. */
  public String phaseClass() {
    return switch (phase) {
      case "Successful" -> RolloutRow.phaseClass("Healthy");
      case "Failed", "Error" -> RolloutRow.phaseClass("Degraded");
      case "Inconclusive" -> RolloutRow.phaseClass("Paused");
      default -> RolloutRow.phaseClass("Progressing");
    };
  }
}
