package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Turns an OpenSLO {@code ratioMetric} into events: good becomes {@code total - good}. */
final class OpenSloIndicator {
  private OpenSloIndicator() {}

  static Sli sli(SpecReader r, JsonNode spec, String path, Map<String, JsonNode> slis) {
    JsonNode indicator;
    String at;
    if (spec.has("indicatorRef")) {
      indicator = slis.get(spec.path("indicatorRef").asText());
      at = path + ".indicatorRef";
      if (indicator == null) {
        r.fields.error(at, "no SLI document named " + spec.path("indicatorRef").asText());
        return new Sli.Raw("");
      }
    } else {
      indicator = spec.path("indicator").path("spec");
      at = path + ".indicator.spec";
    }
    return ratio(r, indicator.path("ratioMetric"), at + ".ratioMetric");
  }

  private static Sli ratio(SpecReader r, JsonNode ratio, String path) {
    if (!ratio.isObject()) {
      r.fields.error(path, "is required (only ratioMetric SLIs are supported)");
      return new Sli.Raw("");
    }
    if (ratio.has("good") == ratio.has("bad")) {
      r.fields.error(path, "must have exactly one of good or bad");
      return new Sli.Raw("");
    }
    String total = query(r, ratio.path("total"), path + ".total");
    if (ratio.has("bad")) {
      return new Sli.Events(query(r, ratio.path("bad"), path + ".bad"), total);
    }
    String good = query(r, ratio.path("good"), path + ".good");
    return new Sli.Events("(" + total + ") - (" + good + ")", total);
  }

  private static String query(SpecReader r, JsonNode node, String path) {
    return r.windowQuery(
        node.path("metricSource").path("spec").path("query"), path + ".metricSource.spec.query");
  }
}
