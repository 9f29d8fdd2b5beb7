package dev.pilothouse.core.slo;

import dev.pilothouse.core.slo.BurnRateWindows.Condition;
import dev.pilothouse.core.slo.BurnRateWindows.Severity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The page and ticket alerts. Low-traffic guard: a page condition also needs its long window to
 * hold at least {@code ceil(1 / (factor × budget))} events, the count from which one error alone
 * can no longer cross the threshold; below it one failed request out of a handful would page
 * (Sloth#666). Tickets are not guarded: at 3 requests/hour and 99.9%, one error really is half the
 * month's budget.
 */
final class AlertRules {
  private AlertRules() {}

  static Optional<RuleGroup> group(Slo slo) {
    List<PromRule> rules = new ArrayList<>();
    SloAlerting alerting = slo.alerting();
    if (alerting.name().isEmpty()) {
      return Optional.empty();
    }
    if (!alerting.page().disabled()) {
      rules.add(alert(slo, Severity.PAGE, alerting.page()));
    }
    if (!alerting.ticket().disabled()) {
      rules.add(alert(slo, Severity.TICKET, alerting.ticket()));
    }
    return rules.isEmpty()
        ? Optional.empty()
        : Optional.of(new RuleGroup("sloth-slo-alerts-" + slo.id(), List.copyOf(rules)));
  }

  /** The long windows whose event totals the page guard needs (none when it is off). */
  static List<Duration> guardedWindows(Slo slo) {
    return BurnRateWindows.of(Severity.PAGE).stream()
        .filter(c -> minEvents(slo, c).isPresent())
        .map(Condition::longWindow)
        .toList();
  }

  /** The minimum event count for a condition, empty when unguarded. */
  static Optional<Long> minEvents(Slo slo, Condition c) {
    SloAlert page = slo.alerting().page();
    if (c.severity() != Severity.PAGE || !(slo.sli() instanceof Sli.Events) || page.disabled()) {
      return Optional.empty();
    }
    if (page.minEvents().isPresent()) {
      long n = page.minEvents().getAsLong();
      return n == 0 ? Optional.empty() : Optional.of(n);
    }
    BigDecimal threshold = c.factor(slo.period()).multiply(slo.errorBudget());
    return Optional.of(
        BigDecimal.ONE
            .divide(threshold, MathContext.DECIMAL64)
            .setScale(0, RoundingMode.CEILING)
            .longValueExact());
  }

  private static PromRule alert(Slo slo, Severity severity, SloAlert spec) {
    String expr =
        BurnRateWindows.of(severity).stream()
            .map(c -> "(" + condition(slo, c) + ")")
            .collect(Collectors.joining(" or "));
    String name = severity.name().toLowerCase(Locale.ROOT);
    Map<String, String> labels = new LinkedHashMap<>(slo.alerting().labels());
    labels.putAll(spec.labels());
    labels.put("sloth_severity", name);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(
        "title",
        "("
            + name
            + ") {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn"
            + " rate is too fast.");
    annotations.put(
        "summary",
        "{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over"
            + " expected.");
    annotations.putAll(slo.alerting().annotations());
    annotations.putAll(spec.annotations());
    return new PromRule.Alerting(slo.alerting().name(), expr, labels, annotations);
  }

  private static String condition(Slo slo, Condition c) {
    String threshold =
        "("
            + PromQl.number(c.factor(slo.period()))
            + " * "
            + PromQl.number(slo.errorBudget())
            + ")";
    List<String> parts = new ArrayList<>();
    parts.add(burn(slo, c.shortWindow(), threshold));
    parts.add(burn(slo, c.longWindow(), threshold));
    minEvents(slo, c)
        .ifPresent(n ->
            parts.add(
                "max("
                    + PromQl.series(
                        SliRules.TOTAL_EVENTS + PromDuration.format(c.longWindow()), slo)
                    + " >= "
                    + n
                    + ") without (sloth_window)"));
    return String.join(" and ", parts);
  }

  private static String burn(Slo slo, Duration window, String threshold) {
    String series = PromQl.series(SliRules.ERROR_RATIO + PromDuration.format(window), slo);
    return "max(" + series + " > " + threshold + ") without (sloth_window)";
  }
}
