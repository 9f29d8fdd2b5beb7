package dev.pilothouse.server.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricProvider;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.core.slo.SloGate;
import dev.pilothouse.core.slo.SloResources;
import java.util.List;
import java.util.Map;

/**
 * The {@code slo} analysis provider: judges a service's live error budget, for any
 * AnalysisTemplate.
 *
 * <pre>
 * provider:
 *   slo:
 *     service: checkout          # required: the SLOs' service
 *     slo: availability          # optional: one SLO only (default: all of the service)
 *     namespace: team-a          # optional: where the SLO resources live (default: the run's)
 *     minRemainingBudget: 0.2    # optional: share of the budget that must be left (default 0)
 *     address: http://prom:9090  # optional: Prometheus (default: the server's)
 * successCondition: result.healthy
 * </pre>
 *
 * The value is a map ({@link SloGate#judge}); {@code result.healthy} is false when any SLO has
 * {@code minRemainingBudget} or less left, or pages. No data at all for an SLO (rules not loaded)
 * is an Error measurement, never a pass.
 */
public final class SloMetricSource implements MetricSource {
  private final SloBudgetService budgets;

  /** A provider over the budget service. */
  public SloMetricSource(SloBudgetService budgets) {
    this.budgets = budgets;
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    JsonNode config = provider.config();
    String service = config.path("service").asText("");
    String sloName = config.path("slo").asText("");
    String namespace = config.path("namespace").asText(context.getOrDefault("namespace", ""));
    JsonNode min = config.path("minRemainingBudget");
    if (service.isBlank()) {
      return misconfigured("slo needs service");
    }
    if (!min.isMissingNode() && (!min.isNumber() || min.asDouble() < 0 || min.asDouble() >= 1)) {
      return misconfigured("slo minRemainingBudget must be a number from 0 to below 1");
    }
    List<SloResources.Stored> slos =
        budgets.catalog(namespace.isEmpty() ? null : namespace).slos().stream()
            .filter(s -> s.slo().service().equals(service))
            .filter(s -> sloName.isEmpty() || s.slo().name().equals(sloName))
            .toList();
    if (slos.isEmpty()) {
      return misconfigured(
          "no SLO of service '"
              + service
              + "'"
              + (sloName.isEmpty() ? "" : " named '" + sloName + "'")
              + " in namespace '"
              + namespace
              + "'");
    }
    List<SloBudget> measured;
    try {
      measured = budgets.budgets(slos, config.path("address").asText(null));
    } catch (UnavailableException e) {
      return Measurement.failure(Measurement.Reason.Unavailable, e.getMessage());
    }
    List<String> noData =
        measured.stream()
            .filter(b -> b.state() == SloBudget.State.NoData)
            .map(b -> b.slo().slo().id())
            .toList();
    if (!noData.isEmpty()) {
      return Measurement.failure(
          Measurement.Reason.BadResponse,
          "Prometheus has no SLI data for "
              + String.join(", ", noData)
              + " (are the generated rules loaded? see GET /api/v1/slo/rules)");
    }
    return Measurement.value(SloGate.judge(measured, min.asDouble(0)));
  }

  private static Measurement misconfigured(String message) {
    return Measurement.failure(Measurement.Reason.Misconfigured, message);
  }
}
