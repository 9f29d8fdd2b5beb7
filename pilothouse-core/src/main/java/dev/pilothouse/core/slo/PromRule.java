package dev.pilothouse.core.slo;

import java.util.Map;

/** One Prometheus rule. */
public sealed interface PromRule {

  /** The expression. */
  String expr();

  /** A recording rule. */
  record Recording(String record, String expr, Map<String, String> labels) implements PromRule {}

  /** An alerting rule (no {@code for}: the windows already smooth the signal, as in Sloth). */
  record Alerting(
      String alert, String expr, Map<String, String> labels, Map<String, String> annotations)
      implements PromRule {}
}
