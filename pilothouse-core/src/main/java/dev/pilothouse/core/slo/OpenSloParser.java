package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the OpenSLO v1 subset Pilothouse supports: SLO documents with a rolling {@code timeWindow},
 * {@code Occurrences} budgeting and one objective, whose indicator (inline or an SLI document by
 * {@code indicatorRef}) is a {@code ratioMetric} with {@code good} or {@code bad} plus {@code
 * total}. OpenSLO alert policies are single-window, so they are not mapped; the annotation {@code
 * pilothouse.dev/alert-name} turns on the multiwindow page and ticket alerts under that name.
 */
public final class OpenSloParser {
  /** The documents' {@code apiVersion}. */
  public static final String API_VERSION = "openslo/v1";

  /** Annotation naming the generated alerts. */
  public static final String ALERT_NAME = "pilothouse.dev/alert-name";

  private OpenSloParser() {}

  /**
   * @param docs SLO and SLI documents; other OpenSLO kinds are ignored
   * @throws ValidationException naming every bad field, prefixed by the document
   */
  public static List<Slo> parse(List<JsonNode> docs) {
    Map<String, JsonNode> slis = new HashMap<>();
    for (JsonNode doc : docs) {
      if ("SLI".equals(doc.path("kind").asText())) {
        slis.put(doc.path("metadata").path("name").asText(), doc.path("spec"));
      }
    }
    SpecReader r = new SpecReader();
    List<Slo> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      if (!API_VERSION.equals(doc.path("apiVersion").asText())) {
        r.fields.error("[" + i + "].apiVersion", "must be " + API_VERSION);
      } else if ("SLO".equals(doc.path("kind").asText())) {
        out.add(slo(r, doc, "[" + i + "]", slis));
      }
    }
    r.fields.throwIfErrors();
    return List.copyOf(out);
  }

  private static Slo slo(SpecReader r, JsonNode doc, String path, Map<String, JsonNode> slis) {
    JsonNode spec = doc.path("spec");
    String name =
        r.name(doc.path("metadata").path("name"), path + ".metadata.name", SpecReader.SLO_NAME);
    String service = r.name(spec.path("service"), path + ".spec.service", SpecReader.SLO_NAME);
    if (!spec.path("budgetingMethod").asText("Occurrences").equals("Occurrences")) {
      r.fields.error(path + ".spec.budgetingMethod", "only Occurrences is supported");
    }
    return new Slo(
        service,
        name,
        objective(r, spec.path("objectives"), path + ".spec.objectives"),
        spec.path("description").asText(""),
        window(r, spec.path("timeWindow"), path + ".spec.timeWindow"),
        r.labels(doc.path("metadata").path("labels"), path + ".metadata.labels"),
        OpenSloIndicator.sli(r, spec, path + ".spec", slis),
        alerting(doc.path("metadata").path("annotations").path(ALERT_NAME).asText("")),
        API_VERSION);
  }

  private static BigDecimal objective(SpecReader r, JsonNode objectives, String path) {
    if (!objectives.isArray() || objectives.size() != 1) {
      r.fields.error(path, "must hold exactly one objective");
      return BigDecimal.ZERO;
    }
    JsonNode o = objectives.get(0);
    if (o.has("targetPercent")) {
      return r.percent(o.path("targetPercent"), path + "[0].targetPercent");
    }
    JsonNode target = o.path("target");
    boolean ok = target.isNumber() && target.doubleValue() > 0 && target.doubleValue() < 1;
    if (!ok) {
      r.fields.error(path + "[0].target", "must be between 0 and 1");
      return BigDecimal.ZERO;
    }
    return target.decimalValue().movePointRight(2).stripTrailingZeros();
  }

  private static Duration window(SpecReader r, JsonNode windows, String path) {
    JsonNode w = windows.path(0);
    if (!windows.isArray() || windows.size() != 1 || !w.path("isRolling").asBoolean(false)) {
      r.fields.error(path, "must hold one rolling window (isRolling: true)");
      return SpecReader.DEFAULT_PERIOD;
    }
    return r.period(w.path("duration"), path + "[0].duration", SpecReader.DEFAULT_PERIOD);
  }

  private static SloAlerting alerting(String name) {
    SloAlerting none = SloAlerting.none();
    return new SloAlerting(name, Map.of(), Map.of(), none.page(), none.ticket());
  }
}
