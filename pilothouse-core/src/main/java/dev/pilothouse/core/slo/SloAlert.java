package dev.pilothouse.core.slo;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One of an SLO's two alerts (page or ticket).
 *
 * @param disabled whether the alert is not generated
 * @param minEvents minimum events in a condition's long window before it may fire; empty means
 *     automatic (see {@link AlertRules}), 0 turns the low-traffic guard off
 */
public record SloAlert(
    boolean disabled,
    Map<String, String> labels,
    Map<String, String> annotations,
    OptionalLong minEvents) {

  /** An enabled alert with no extra labels and the automatic guard. */
  public static SloAlert enabled() {
    return new SloAlert(false, Map.of(), Map.of(), OptionalLong.empty());
  }
}
