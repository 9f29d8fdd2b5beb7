package dev.pilothouse.server.portal;

/**
 * Which actions the rollout page offers: only those that apply to the rollout's state, and none to
 * a user who may only read its namespace.
 */
public record RolloutButtons(
    boolean promote,
    boolean promoteFull,
    boolean abort,
    boolean retry,
    boolean pause,
    boolean resume) {

  static RolloutButtons of(RolloutDoc r, boolean canWrite) {
    if (!canWrite) {
      return new RolloutButtons(false, false, false, false, false, false);
    }
    boolean live = r.updating() && !r.aborted();
    return new RolloutButtons(
        r.pausedOnCondition() && !r.aborted(),
        live,
        live,
        r.aborted(),
        live && !r.pausedBySpec(),
        r.pausedBySpec());
  }

  /** Whether any button shows. */
  public boolean any() {
    return promote || promoteFull || abort || retry || pause || resume;
  }
}
