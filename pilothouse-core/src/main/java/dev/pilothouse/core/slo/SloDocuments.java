package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Yaml;
import java.util.List;

/** Reads SLO specs in either accepted format, told apart by their version field. */
public final class SloDocuments {
  private SloDocuments() {}

  /**
   * Parses YAML text: Sloth {@code prometheus/v1} documents, Sloth's {@code PrometheusServiceLevel}
   * CRD ({@code sloth.slok.dev/v1}) or OpenSLO v1 documents.
   */
  public static List<Slo> read(String yaml, String source) {
    return parse(Yaml.readAll(yaml, source));
  }

  /** Parses already-read documents. */
  public static List<Slo> parse(List<JsonNode> docs) {
    if (docs.isEmpty()) {
      throw ValidationException.of("version", "no SLO document found");
    }
    if (SloResources.SLOTH_KIND.equals(docs.get(0).path("kind").asText())) {
      return docs.stream().flatMap(d -> SloResources.slothSlos(d).stream()).toList();
    }
    if (SlothParser.VERSION.equals(docs.get(0).path("version").asText())) {
      return docs.stream().flatMap(d -> SlothParser.parse(d).stream()).toList();
    }
    if (OpenSloParser.API_VERSION.equals(docs.get(0).path("apiVersion").asText())) {
      return OpenSloParser.parse(docs);
    }
    throw ValidationException.of(
        "version", "must be prometheus/v1 (Sloth), or apiVersion sloth.slok.dev/v1 or openslo/v1");
  }
}
