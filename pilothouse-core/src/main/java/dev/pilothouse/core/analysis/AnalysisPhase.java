package dev.pilothouse.core.analysis;

/**
 * Phase of an AnalysisRun, of one of its metrics, or of one measurement, spelled as Argo Rollouts
 * writes it. The order of the constants is Argo's severity order ({@code IsWorse}), least severe
 * first.
 */
public enum AnalysisPhase {
  Pending,
  Running,
  Successful,
  Inconclusive,
  Error,
  Failed;

  /** True for the phases a run, metric or measurement never leaves. */
  public boolean completed() {
    return switch (this) {
      case Pending, Running -> false;
      case Successful, Inconclusive, Error, Failed -> true;
    };
  }

  /** True when this phase is more severe than {@code other}. */
  public boolean worseThan(AnalysisPhase other) {
    return compareTo(other) > 0;
  }

  /** The phase named {@code text}, or {@code fallback} for anything else (e.g. a missing field). */
  public static AnalysisPhase parse(String text, AnalysisPhase fallback) {
    for (AnalysisPhase p : values()) {
      if (p.name().equals(text)) {
        return p;
      }
    }
    return fallback;
  }
}
