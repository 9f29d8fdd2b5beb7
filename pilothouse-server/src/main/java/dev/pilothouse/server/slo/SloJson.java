package dev.pilothouse.server.slo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.slo.PromDuration;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.core.slo.SloResources;
import java.util.Map;

/** JSON shapes of the SLO API. */
final class SloJson {
  private SloJson() {}

  static ObjectNode slo(SloResources.Stored s) {
    ObjectNode out = Json.object();
    out.put("namespace", s.namespace())
        .put("service", s.slo().service())
        .put("slo", s.slo().name())
        .put("id", s.slo().id())
        .put("objective", s.slo().objective())
        .put("period", PromDuration.format(s.slo().period()))
        .put("source", s.kind() + "/" + s.resource())
        .put("description", s.slo().description());
    return out;
  }

  static ObjectNode budget(SloBudget b) {
    ObjectNode out = slo(b.slo());
    out.put("state", b.state().name());
    if (b.remainingBudget() == null) {
      out.putNull("remainingBudget");
    } else {
      out.put("remainingBudget", b.remainingBudget());
    }
    numbers(out.putObject("errorRatios"), b.errorRatios());
    numbers(out.putObject("burnRates"), b.burnRates());
    b.firing().forEach(out.putArray("firing")::add);
    if (b.firing().isEmpty()) {
      out.putArray("firing");
    }
    return out;
  }

  private static void numbers(ObjectNode node, Map<String, Double> values) {
    values.forEach(node::put);
  }
}
