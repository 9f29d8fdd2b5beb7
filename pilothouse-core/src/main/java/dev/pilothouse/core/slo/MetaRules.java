package dev.pilothouse.core.slo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sloth's metadata recording rules: objective, budget, burn rates, remaining budget, info. */
final class MetaRules {
  private static final String JOIN = " / on(sloth_id, sloth_slo, sloth_service) group_left ";

  private MetaRules() {}

  static RuleGroup group(Slo slo) {
    String budget = PromQl.series("slo:error_budget:ratio", slo);
    String period = PromDuration.format(slo.period());
    List<PromRule> rules =
        List.of(
            meta(slo, "slo:objective:ratio", "vector(" + PromQl.number(slo.objectiveRatio()) + ")"),
            meta(slo, "slo:error_budget:ratio", "vector(" + PromQl.number(slo.errorBudget()) + ")"),
            meta(slo, "slo:time_period:days", "vector(" + slo.period().toDays() + ")"),
            meta(
                slo,
                "slo:current_burn_rate:ratio",
                PromQl.series(SliRules.ERROR_RATIO + "5m", slo) + JOIN + budget),
            meta(
                slo,
                "slo:period_burn_rate:ratio",
                PromQl.series(SliRules.ERROR_RATIO + period, slo) + JOIN + budget),
            meta(
                slo,
                "slo:period_error_budget_remaining:ratio",
                "1 - " + PromQl.series("slo:period_burn_rate:ratio", slo)),
            new PromRule.Recording("sloth_slo_info", "vector(1)", PromQl.labels(slo, info(slo))));
    return new RuleGroup("sloth-slo-meta-recordings-" + slo.id(), rules);
  }

  private static PromRule meta(Slo slo, String record, String expr) {
    return new PromRule.Recording(record, expr, PromQl.labels(slo, Map.of()));
  }

  private static Map<String, String> info(Slo slo) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("sloth_mode", "pilothouse-gen-prom");
    out.put("sloth_objective", PromQl.number(slo.objective()));
    out.put("sloth_spec", slo.spec());
    out.put("sloth_version", "pilothouse");
    return out;
  }
}
