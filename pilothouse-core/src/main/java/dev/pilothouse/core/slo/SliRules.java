package dev.pilothouse.core.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SLI recording rules: {@code slo:sli_error:ratio_rate<w>} per window and the period's ratio as
 * errors over total events in the period (the mean of the 5m ratios with traffic for raw SLIs),
 * plus {@code slo:sli_total:events<w>} for the long windows the low-traffic guard looks at.
 */
final class SliRules {
  static final String ERROR_RATIO = "slo:sli_error:ratio_rate";
  static final String TOTAL_EVENTS = "slo:sli_total:events";

  private SliRules() {}

  static RuleGroup group(Slo slo, List<Duration> guardedWindows) {
    List<PromRule> rules = new ArrayList<>();
    for (Duration w : Windows.SLI_WINDOWS) {
      rules.add(recording(slo, ERROR_RATIO, w, ratio(slo.sli(), w)));
    }
    rules.add(recording(slo, ERROR_RATIO, slo.period(), periodRatio(slo)));
    if (slo.sli() instanceof Sli.Events events) {
      for (Duration w : guardedWindows) {
        String total = Windows.substitute(events.totalQuery(), w);
        rules.add(recording(slo, TOTAL_EVENTS, w, "(" + total + ") * " + w.toSeconds()));
      }
    }
    return new RuleGroup("sloth-slo-sli-recordings-" + slo.id(), List.copyOf(rules));
  }

  private static PromRule recording(Slo slo, String metric, Duration w, String expr) {
    String window = PromDuration.format(w);
    return new PromRule.Recording(
        metric + window, expr, PromQl.labels(slo, Map.of("sloth_window", window)));
  }

  private static String ratio(Sli sli, Duration w) {
    return switch (sli) {
      case Sli.Events e ->
          "("
              + Windows.substitute(e.errorQuery(), w)
              + ") / ("
              + Windows.substitute(e.totalQuery(), w)
              + ")";
      case Sli.Raw r -> Windows.substitute(r.errorRatioQuery(), w);
    };
  }

  /**
   * The period's ratio. Events SLIs count occurrences over the whole period, {@code errors[30d] /
   * total[30d]} (OpenSLO's Occurrences budgeting, as Pyrra records it): every request weighs the
   * same and an idle stretch changes nothing. Sloth instead averages the 5m ratios, and a 5-minute
   * window without requests records 0/0 = NaN, which makes that mean NaN for the whole period: the
   * normal case for a low-traffic service. Raw SLIs have no event counts, so they keep Sloth's mean
   * of the 5m ratios, over the windows that have a ratio only (a 5m subquery, one point per 5
   * minutes of the period).
   */
  private static String periodRatio(Slo slo) {
    return switch (slo.sli()) {
      case Sli.Events e -> ratio(e, slo.period());
      case Sli.Raw r ->
          "avg_over_time(("
              + PromQl.series(ERROR_RATIO + "5m", slo)
              + " >= 0)["
              + PromDuration.format(slo.period())
              + ":5m])";
    };
  }
}
