package dev.pilothouse.core.slo;

import static dev.pilothouse.core.slo.SpecReader.get;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a Sloth {@code alerting} block. */
final class SlothAlerting {
  private SlothAlerting() {}

  static SloAlerting parse(SpecReader r, JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return SloAlerting.none();
    }
    String name = "";
    if (!node.path("name").isMissingNode()) {
      name = r.name(node.path("name"), path + ".name", SpecReader.LABEL_NAME);
    }
    return new SloAlerting(
        name,
        r.labels(node.path("labels"), path + ".labels"),
        r.labels(node.path("annotations"), path + ".annotations"),
        alert(r, get(node, "pageAlert"), path + ".pageAlert"),
        alert(r, get(node, "ticketAlert"), path + ".ticketAlert"));
  }

  private static SloAlert alert(SpecReader r, JsonNode node, String path) {
    return new SloAlert(
        r.fields.bool(node.path("disable"), path + ".disable"),
        r.labels(node.path("labels"), path + ".labels"),
        r.labels(node.path("annotations"), path + ".annotations"),
        r.minEvents(get(node, "minEvents"), path + ".minEvents"));
  }
}
