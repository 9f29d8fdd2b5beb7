package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared test helpers: parse specs from YAML, load the seed template. */
final class AnalysisFixtures {
  static final ConditionEvaluator CONDITIONS = new ConditionEvaluator();
  static final AnalysisSpecParser PARSER = new AnalysisSpecParser(CONDITIONS);

  private AnalysisFixtures() {}

  static JsonNode yaml(String text) {
    return Yaml.readAll(text, "test").getFirst();
  }

  /** An analysis spec from the YAML of its {@code spec} body. */
  static AnalysisSpec spec(String specYaml) {
    return PARSER.parse(yaml(specYaml));
  }

  static JsonNode seedTemplate() {
    try (InputStream in = AnalysisFixtures.class.getResourceAsStream("success-rate.yaml")) {
      return yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
