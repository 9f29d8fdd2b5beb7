package dev.pilothouse.core.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release gate on a service's SLOs: healthy while every SLO keeps more than {@code
 * minRemainingBudget} of its period's budget and none of them pages. Used by the {@code slo}
 * analysis provider, so "freeze releases when the budget is spent" is an AnalysisTemplate.
 */
public final class SloGate {
  private SloGate() {}

  /**
   * The gate's verdict as the measurement value conditions see: {@code healthy} (boolean), {@code
   * remainingBudget} (the lowest of the SLOs), {@code pageAlertFiring}, {@code reason} and per-SLO
   * details under {@code slos}.
   *
   * @param budgets the service's SLO budgets; none of them may be NoData (callers report that)
   */
  public static Map<String, Object> judge(List<SloBudget> budgets, double minRemainingBudget) {
    double lowest = Double.POSITIVE_INFINITY;
    boolean paging = false;
    List<String> reasons = new ArrayList<>();
    Map<String, Object> slos = new LinkedHashMap<>();
    for (SloBudget b : budgets) {
      double remaining = b.remainingBudget() == null ? 1.0 : b.remainingBudget();
      lowest = Math.min(lowest, remaining);
      paging |= b.paging();
      if (remaining <= minRemainingBudget) {
        reasons.add(
            "%s: %.1f%% of the error budget left (needs more than %.1f%%)"
                .formatted(b.slo().slo().id(), remaining * 100, minRemainingBudget * 100));
      }
      if (b.paging()) {
        reasons.add(b.slo().slo().id() + ": page alert firing");
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("remainingBudget", remaining);
      one.put("state", b.state().name());
      one.put("burnRates", Map.copyOf(b.burnRates()));
      one.put("firing", b.firing());
      slos.put(b.slo().slo().name(), one);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("healthy", reasons.isEmpty());
    out.put("remainingBudget", lowest == Double.POSITIVE_INFINITY ? 1.0 : lowest);
    out.put("pageAlertFiring", paging);
    out.put("reason", String.join("; ", reasons));
    out.put("slos", slos);
    return out;
  }
}
