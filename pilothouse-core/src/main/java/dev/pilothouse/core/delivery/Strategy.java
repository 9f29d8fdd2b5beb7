package dev.pilothouse.core.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a rollout moves from one revision to the next. */
public sealed interface Strategy {

  /**
   * Canary: steps shift weight to the new revision.
   *
   * @param background analysis that runs alongside the steps from {@code startingStep}
   */
  record Canary(
      List<CanaryStep> steps,
      String canaryService,
      String stableService,
      Optional<BackgroundAnalysis> background,
      Duration scaleDownDelay,
      Duration abortScaleDownDelay,
      boolean trafficRouting)
      implements Strategy {
    public Canary {
      steps = List.copyOf(steps);
    }
  }

  /** Background analysis of a canary. */
  record BackgroundAnalysis(AnalysisRef analysis, int startingStep) {}

  /** Blue/green: the new revision runs beside the old one until the active service switches. */
  record BlueGreen(
      String activeService,
      String previewService,
      boolean autoPromotionEnabled,
      Optional<Duration> autoPromotionAfter,
      Optional<Integer> previewReplicaCount,
      Optional<AnalysisRef> prePromotionAnalysis,
      Optional<AnalysisRef> postPromotionAnalysis,
      Duration scaleDownDelay,
      Duration abortScaleDownDelay)
      implements Strategy {}
}
