package dev.pilothouse.core.slo;

import java.util.Map;

/**
 * The alerting part of an SLO: one alert name shared by the page and ticket alerts, which differ by
 * their {@code sloth_severity} label, as in Sloth.
 *
 * @param name alert name; empty means no alerts are generated
 */
public record SloAlerting(
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    SloAlert page,
    SloAlert ticket) {

  /** No alerts at all. */
  public static SloAlerting none() {
    return new SloAlerting("", Map.of(), Map.of(), SloAlert.enabled(), SloAlert.enabled());
  }
}
