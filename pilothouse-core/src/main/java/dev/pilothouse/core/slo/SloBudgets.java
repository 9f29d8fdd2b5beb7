package dev.pilothouse.core.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live error budgets from the generated recording rules, pure: which queries to run, and how their
 * answers become budgets. Every query covers all SLOs at once ({@code slo:sli_error:ratio_rate5m}
 * returns one series per SLO, told apart by {@code sloth_id}), so the cost is one Prometheus round
 * trip per window plus one for alerts, whatever the number of SLOs.
 */
public final class SloBudgets {
  /** The alert query: every firing SLO alert, with its {@code sloth_id} and severity. */
  public static final String ALERTS_QUERY = "ALERTS{alertstate=\"firing\",sloth_id!=\"\"}";

  private SloBudgets() {}

  /** The windows to query for these SLOs: the seven alert windows, then each distinct period. */
  public static List<String> windows(List<SloResources.Stored> slos) {
    Set<String> out = new LinkedHashSet<>();
    Windows.SLI_WINDOWS.forEach(w -> out.add(PromDuration.format(w)));
    slos.forEach(s -> out.add(PromDuration.format(s.slo().period())));
    return List.copyOf(out);
  }

  /** The query for one window: the recorded error ratio of every SLO. */
  public static String ratioQuery(String window) {
    return SliRules.ERROR_RATIO + window;
  }

  /**
   * Builds the budgets.
   *
   * @param ratios per window, the error ratio of each {@code sloth_id} (NaN or absent: no data)
   * @param firing per {@code sloth_id}, the severities of its firing alerts
   */
  public static List<SloBudget> compute(
      List<SloResources.Stored> slos,
      Map<String, Map<String, Double>> ratios,
      Map<String, Set<String>> firing) {
    List<SloBudget> out = new ArrayList<>(slos.size());
    for (SloResources.Stored stored : slos) {
      Slo slo = stored.slo();
      double budget = slo.errorBudget().doubleValue();
      Map<String, Double> byWindow = new LinkedHashMap<>();
      Map<String, Double> burn = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Double>> w : ratios.entrySet()) {
        Double ratio = w.getValue().get(slo.id());
        if (ratio != null && !ratio.isNaN() && !ratio.isInfinite()) {
          byWindow.put(w.getKey(), ratio);
          burn.put(w.getKey(), ratio / budget);
        }
      }
      Double period = byWindow.get(PromDuration.format(slo.period()));
      Double remaining = period == null ? null : 1 - period / budget;
      List<String> alerts = List.copyOf(new TreeSet<>(firing.getOrDefault(slo.id(), Set.of())));
      out.add(new SloBudget(stored, byWindow, burn, remaining, alerts, state(remaining, alerts)));
    }
    return List.copyOf(out);
  }

  private static SloBudget.State state(Double remaining, List<String> alerts) {
    if (remaining != null && remaining <= 0) {
      return SloBudget.State.Exhausted;
    }
    if (!alerts.isEmpty()) {
      return SloBudget.State.Burning;
    }
    return remaining == null ? SloBudget.State.NoData : SloBudget.State.Ok;
  }
}
