package dev.pilothouse.core.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Shared NAB corpus for tests, found beside the clone and loaded once per JVM. */
final class NabFixtures {
  /** Tests run in the module directory; the shared data sits beside the repository clone. */
  static final Path ROOT = Path.of("../../shared/datasets/nab");

  private static NabCorpus corpus;
  private static final Map<String, Detections> RESULTS = new HashMap<>();

  private NabFixtures() {}

  static synchronized NabCorpus corpus() {
    if (corpus == null) {
      if (!Files.isDirectory(ROOT)) {
        throw new IllegalStateException(
            "NAB corpus not found at "
                + ROOT.toAbsolutePath().normalize()
                + ": check out the shared/ data directory beside the repository clone");
      }
      corpus = NabCorpus.load(ROOT);
    }
    return corpus;
  }

  static synchronized Detections results(String detector) {
    return RESULTS.computeIfAbsent(
        detector, d -> NabResults.read(ROOT.resolve("results").resolve(d), corpus().series()));
  }

  /** The threshold NAB stored for a detector and profile in config/thresholds.json. */
  static double storedThreshold(String detector, String profile) {
    JsonNode all = Json.parse(NabCorpus.read(ROOT.resolve("config/thresholds.json")));
    return all.get(detector).get(profile).get("threshold").asDouble();
  }

  static CostProfile profile(String name) {
    return CostProfile.NAB.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
