package dev.pilothouse.server.portal;

import dev.pilothouse.core.slo.BurnRateWindows;
import dev.pilothouse.core.slo.PromDuration;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.server.slo.PrometheusQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** View models of the SLO pages. */
public final class SloViews {
  private SloViews() {}

  /** One SLO in the list. */
  public record Row(
      String namespace,
      String service,
      String slo,
      String objective,
      String remaining,
      String state,
      String firing) {}

  /**
   * One burn-rate condition: both windows' burn rates against the factor.
   *
   * @param level {@code page} or {@code ticket} when both windows exceed the factor, else {@code
   *     ok}
   */
  public record Burn(
      String severity,
      String shortWindow,
      String shortRate,
      int shortWidth,
      String longWindow,
      String longRate,
      int longWidth,
      String factor,
      String level) {}

  /** One SLO's panel on the service page. */
  public record Panel(
      String slo,
      String objective,
      String description,
      String remaining,
      String state,
      String firing,
      Optional<MetricChart> burnDown,
      List<Burn> burns) {}

  static Row row(SloBudget b) {
    var s = b.slo();
    return new Row(
        s.namespace(),
        s.slo().service(),
        s.slo().name(),
        objective(b),
        remaining(b),
        b.state().name(),
        String.join(", ", b.firing()));
  }

  static Panel panel(SloBudget b, List<PrometheusQueries.Point> history, String range) {
    List<Double> values = history.stream().map(p -> p.value() * 100).toList();
    List<String> titles =
        history.stream()
            .map(p -> String.format(Locale.ROOT, "%.2f%% left at %s", p.value() * 100, p.time()))
            .toList();
    return new Panel(
        b.slo().slo().name(),
        objective(b),
        b.slo().slo().description(),
        remaining(b),
        b.state().name(),
        String.join(", ", b.firing()),
        MetricChart.series("budget left (%)", "last " + range, values, titles),
        burns(b));
  }

  private static List<Burn> burns(SloBudget b) {
    Duration period = b.slo().slo().period();
    List<Burn> out = new ArrayList<>();
    for (BurnRateWindows.Condition c : BurnRateWindows.CONDITIONS) {
      double factor = c.factor(period).doubleValue();
      String sw = PromDuration.format(c.shortWindow());
      String lw = PromDuration.format(c.longWindow());
      Double shortRate = b.burnRates().get(sw);
      Double longRate = b.burnRates().get(lw);
      boolean over =
          shortRate != null && longRate != null && shortRate > factor && longRate > factor;
      String severity = c.severity().name().toLowerCase(Locale.ROOT);
      out.add(
          new Burn(
              severity,
              sw,
              rate(shortRate),
              width(shortRate, factor),
              lw,
              rate(longRate),
              width(longRate, factor),
              String.format(Locale.ROOT, "%.3g", factor),
              over ? severity : "ok"));
    }
    return out;
  }

  /** Meter value in percent of twice the factor, so the factor sits in the middle (high=50). */
  private static int width(Double rate, double factor) {
    if (rate == null) {
      return 0;
    }
    return (int) Math.round(Math.min(100, rate / (2 * factor) * 100));
  }

  private static String rate(Double rate) {
    return rate == null ? "no data" : String.format(Locale.ROOT, "%.2f×", rate);
  }

  private static String objective(SloBudget b) {
    return b.slo().slo().objective().toPlainString()
        + "% over "
        + PromDuration.format(b.slo().slo().period());
  }

  private static String remaining(SloBudget b) {
    return b.remainingBudget() == null
        ? "no data"
        : String.format(Locale.ROOT, "%.1f%%", b.remainingBudget() * 100);
  }
}
