package dev.pilothouse.core.slo;

import java.util.List;
import java.util.Map;

/**
 * One SLO's live error budget.
 *
 * @param slo the SLO and the resource it came from
 * @param errorRatios error ratio per window ({@code 5m} … {@code 3d} and the period, e.g. {@code
 *     30d}); a window without traffic (Prometheus answers NaN for 0/0) or without data is absent
 * @param burnRates error ratio / error budget per window (1 = spending exactly the budget)
 * @param remainingBudget share of the period's budget left (1 − period ratio / budget; negative
 *     once overspent), or null when the period has no data
 * @param firing severities ({@code page}, {@code ticket}) of this SLO's alerts now firing
 * @param state summary for people and gates
 */
public record SloBudget(
    SloResources.Stored slo,
    Map<String, Double> errorRatios,
    Map<String, Double> burnRates,
    Double remainingBudget,
    List<String> firing,
    State state) {

  /** Summary of a budget. */
  public enum State {
    /** Within budget, no alert firing. */
    Ok,
    /** A ticket or page alert is firing. */
    Burning,
    /** The period's budget is spent. */
    Exhausted,
    /** Prometheus has no data for the period (rules not loaded yet, or no traffic). */
    NoData
  }

  /** Whether a page alert of this SLO is firing. */
  public boolean paging() {
    return firing.contains("page");
  }
}
