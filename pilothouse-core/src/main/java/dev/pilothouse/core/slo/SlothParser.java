package dev.pilothouse.core.slo;

import static dev.pilothouse.core.slo.SpecReader.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Sloth's {@code prometheus/v1} spec. Pilothouse extensions: {@code period} (top level or per
 * SLO, default 30d) and {@code alerting.pageAlert.minEvents} (the low-traffic guard).
 */
public final class SlothParser {
  /** The spec's {@code version}. */
  public static final String VERSION = "prometheus/v1";

  private SlothParser() {}

  /**
   * @throws dev.pilothouse.core.error.ValidationException naming every bad field
   */
  public static List<Slo> parse(JsonNode doc) {
    SpecReader r = new SpecReader();
    if (!VERSION.equals(doc.path("version").asText())) {
      r.fields.error("version", "must be " + VERSION);
    }
    String service = r.name(doc.path("service"), "service", SpecReader.SLO_NAME);
    Map<String, String> labels = r.labels(doc.path("labels"), "labels");
    Duration period = r.period(doc.path("period"), "period", SpecReader.DEFAULT_PERIOD);
    JsonNode slos = doc.path("slos");
    if (!slos.isArray() || slos.isEmpty()) {
      r.fields.error("slos", "must be a non-empty list");
    }
    List<Slo> out = new ArrayList<>();
    for (int i = 0; slos.isArray() && i < slos.size(); i++) {
      out.add(slo(r, slos.get(i), "slos[" + i + "]", service, labels, period));
    }
    r.fields.throwIfErrors();
    return List.copyOf(out);
  }

  private static Slo slo(
      SpecReader r,
      JsonNode node,
      String path,
      String service,
      Map<String, String> common,
      Duration period) {
    String name = r.name(node.path("name"), path + ".name", SpecReader.SLO_NAME);
    var objective = r.percent(node.path("objective"), path + ".objective");
    Map<String, String> labels = new LinkedHashMap<>(common);
    labels.putAll(r.labels(node.path("labels"), path + ".labels"));
    return new Slo(
        service,
        name,
        objective,
        node.path("description").asText(""),
        r.period(node.path("period"), path + ".period", period),
        labels,
        sli(r, node.path("sli"), path + ".sli"),
        SlothAlerting.parse(r, node.path("alerting"), path + ".alerting"),
        VERSION);
  }

  private static Sli sli(SpecReader r, JsonNode node, String path) {
    JsonNode events = node.path("events");
    JsonNode raw = node.path("raw");
    if (events.isObject() == raw.isObject()) {
      r.fields.error(path, "must have exactly one of events or raw");
      return new Sli.Raw("");
    }
    if (raw.isObject()) {
      return new Sli.Raw(r.windowQuery(get(raw, "errorRatioQuery"), path + ".raw.errorRatioQuery"));
    }
    return new Sli.Events(
        r.windowQuery(get(events, "errorQuery"), path + ".events.errorQuery"),
        r.windowQuery(get(events, "totalQuery"), path + ".events.totalQuery"));
  }
}
