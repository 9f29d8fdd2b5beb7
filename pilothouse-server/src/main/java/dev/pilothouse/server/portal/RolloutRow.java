package dev.pilothouse.server.portal;

import java.util.Locale;

/**
 * One line of the Delivery list, as rendered in the table and pushed by live updates.
 *
 * @param id the element id, stable across updates so a change replaces the row in place
 * @param step "k/N" for a canary, empty for blue/green (which has no steps)
 * @param canaryWeight percent of traffic on the canary; -1 for blue/green
 * @param ready ready replicas over desired, e.g. "3/4"
 */
public record RolloutRow(
    String id,
    String sortKey,
    String namespace,
    String name,
    String strategy,
    String phase,
    String step,
    int canaryWeight,
    String ready,
    String message,
    String href) {

  /** The row of a rollout. */
  static RolloutRow of(RolloutDoc r) {
    int steps = r.steps().size();
    return new RolloutRow(
        domId(r.namespace(), r.name()),
        r.namespace() + "/" + r.name(),
        r.namespace(),
        r.name(),
        r.strategy(),
        r.phase(),
        r.blueGreen() ? "" : Math.min(r.stepIndex(), steps) + "/" + steps,
        r.blueGreen() ? -1 : r.canaryWeight(),
        r.readyReplicas() + "/" + r.replicas(),
        r.message(),
        detailUrl(r.namespace(), r.name()));
  }

  /** The element id of a rollout's row; names are DNS labels, so '/' cannot collide. */
  static String domId(String namespace, String name) {
    return "rollout/" + namespace + "/" + name;
  }

  /** The rollout's own page. Names and namespaces are DNS labels: safe in a path as they are. */
  static String detailUrl(String namespace, String name) {
    return "/delivery/" + namespace + "/" + name;
  }

  /**
   * The CSS class of a phase badge: Healthy green, Progressing blue, Paused amber, Degraded red.
   */
  public static String phaseClass(String phase) {
    return switch (phase) {
      case "Healthy", "Progressing", "Paused", "Degraded" ->
          "phase phase-" + phase.toLowerCase(Locale.ROOT);
      default -> "phase";
    };
  }
}
