package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.FieldReader;
import java.time.Duration;
import java.util.Optional;

/** Reads a blue/green strategy. */
final class BlueGreenParser {
  private BlueGreenParser() {}

  static Strategy.BlueGreen parse(JsonNode b, FieldReader f) {
    String at = "spec.strategy.blueGreen";
    Optional<Integer> autoSeconds =
        f.integer(
            b.path("autoPromotionSeconds"), at + ".autoPromotionSeconds", 0, Integer.MAX_VALUE);
    return new Strategy.BlueGreen(
        f.text(b.path("activeService"), at + ".activeService", true),
        f.text(b.path("previewService"), at + ".previewService", false),
        f.bool(b.path("autoPromotionEnabled"), at + ".autoPromotionEnabled", true),
        autoSeconds.map(Duration::ofSeconds),
        f.integer(b.path("previewReplicaCount"), at + ".previewReplicaCount", 0, 100_000),
        analysis(b, "prePromotionAnalysis", at, f),
        analysis(b, "postPromotionAnalysis", at, f),
        RolloutParser.delay(b.path("scaleDownDelaySeconds"), at + ".scaleDownDelaySeconds", f),
        RolloutParser.delay(
            b.path("abortScaleDownDelaySeconds"), at + ".abortScaleDownDelaySeconds", f));
  }

  private static Optional<AnalysisRef> analysis(
      JsonNode b, String field, String at, FieldReader f) {
    return b.has(field)
        ? Optional.of(AnalysisRefParser.parse(b.path(field), at + "." + field, f))
        : Optional.empty();
  }
}
