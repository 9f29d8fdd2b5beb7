package dev.pilothouse.core.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

/**
 * The multiwindow multi-burn-rate conditions (SRE workbook, Sloth's {@code google-30d.yaml}). Each
 * condition spends a share of the period's budget within its long window, so its factor is {@code
 * budgetShare × period / longWindow}: 14.4, 6, 3, 1 at 30d and 13.44, 5.6, 2.8, 0.933 at 28d. Other
 * periods keep the windows and scale the factors the same way.
 */
public final class BurnRateWindows {

  /** Which alert a condition belongs to. */
  public enum Severity {
    PAGE,
    TICKET
  }

  /**
   * One condition: both windows must burn faster than {@code factor}.
   *
   * @param budgetShare share of the period's budget spent at the factor over the long window
   */
  public record Condition(
      Severity severity, Duration shortWindow, Duration longWindow, BigDecimal budgetShare) {

    /** The burn-rate factor for an SLO period. */
    public BigDecimal factor(Duration period) {
      BigDecimal ratio =
          BigDecimal.valueOf(period.toSeconds())
              .divide(BigDecimal.valueOf(longWindow.toSeconds()), MathContext.DECIMAL64);
      return budgetShare.multiply(ratio, MathContext.DECIMAL64).stripTrailingZeros();
    }
  }

  /** Page: 2% of the budget in 1h (5m short), 5% in 6h; ticket: 10% in 1d, 10% in 3d. */
  public static final List<Condition> CONDITIONS =
      List.of(
          condition(Severity.PAGE, Duration.ofMinutes(5), Duration.ofHours(1), "0.02"),
          condition(Severity.PAGE, Duration.ofMinutes(30), Duration.ofHours(6), "0.05"),
          condition(Severity.TICKET, Duration.ofHours(2), Duration.ofDays(1), "0.1"),
          condition(Severity.TICKET, Duration.ofHours(6), Duration.ofDays(3), "0.1"));

  private BurnRateWindows() {}

  /** The conditions of one alert. */
  public static List<Condition> of(Severity severity) {
    return CONDITIONS.stream().filter(c -> c.severity() == severity).toList();
  }

  private static Condition condition(Severity s, Duration shortW, Duration longW, String share) {
    return new Condition(s, shortW, longW, new BigDecimal(share));
  }
}
