package dev.pilothouse.core.delivery;

/** Phases of an AnalysisRun as Argo names them. */
public enum AnalysisPhase {
  Pending,
  Running,
  Successful,
  Failed,
  Error,
  Inconclusive;

  /** Reads a phase; unknown or missing values count as Pending. */
  public static AnalysisPhase parse(String text) {
    for (AnalysisPhase p : values()) {
      if (p.name().equals(text)) {
        return p;
      }
    }
    return Pending;
  }

  /** Whether the run has finished. */
  public boolean completed() {
    return this != Pending && this != Running;
  }

  /** Whether a rollout must abort on this verdict (Argo treats Error like Failed). */
  public boolean failed() {
    return this == Failed || this == Error;
  }
}
