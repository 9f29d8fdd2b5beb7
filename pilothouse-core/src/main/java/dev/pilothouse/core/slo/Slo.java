package dev.pilothouse.core.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * One service level objective, whatever format it was written in.
 *
 * @param service the service it belongs to
 * @param name the SLO's name, unique within its service
 * @param objective target in percent, e.g. {@code 99.9}
 * @param period the SLO (budget) period, e.g. 30 days
 * @param labels labels put on every generated rule
 * @param spec the source format, {@code prometheus/v1} or {@code openslo/v1}
 */
public record Slo(
    String service,
    String name,
    BigDecimal objective,
    String description,
    Duration period,
    Map<String, String> labels,
    Sli sli,
    SloAlerting alerting,
    String spec) {

  /** Sloth's id: {@code <service>-<name>}. */
  public String id() {
    return service + "-" + name;
  }

  /** The objective as a ratio, e.g. 0.999. */
  public BigDecimal objectiveRatio() {
    return objective.movePointLeft(2);
  }

  /** The error budget as a ratio, e.g. 0.001. */
  public BigDecimal errorBudget() {
    return BigDecimal.ONE.subtract(objectiveRatio());
  }
}
