package dev.pilothouse.server.portal;

import java.util.List;

/**
 * The dynamic part of a rollout's page, rendered by {@code rolloutBody.jte} both for the page and
 * for live updates.
 *
 * @param id element id, replaced in place by live updates
 * @param href the page itself, which the action forms post below
 * @param previewHash blue/green: the revision behind the preview service, empty once it is active
 * @param deleted whether the rollout has been deleted while the page was open
 */
public record RolloutView(
    String id,
    String href,
    String strategy,
    String phase,
    String message,
    List<String> images,
    String stableHash,
    String currentHash,
    List<StepView> steps,
    int canaryWeight,
    String activeHash,
    String previewHash,
    String ready,
    List<RunView> runs,
    List<RevisionView> revisions,
    RolloutButtons buttons,
    boolean deleted) {
  /** The element id of the page's dynamic part. */
  static final String ID = "rollout-body";

  /** Whether the rollout is a canary (steps and a traffic split) rather than blue/green. */
  public boolean canary() {
    return "canary".equals(strategy);
  }

  /** The stable share of traffic. */
  public int stableWeight() {
    return 100 - canaryWeight;
  }

  /** The badge class of the phase. */
  public String phaseClass() {
    return RolloutRow.phaseClass(phase);
  }
}
