package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints {@code GET /api/v1/slo/status} as a table: one row per SLO. */
final class SloStatusView {
  private static final List<String> BURN_WINDOWS = List.of("5m", "1h", "6h", "3d");

  private SloStatusView() {}

  static void print(PrintWriter out, JsonNode status) {
    JsonNode items = status.path("items");
    if (items.isEmpty()) {
      out.println("No SLOs.");
      out.flush();
      return;
    }
    TextTable table =
        new TextTable(
            List.of(
                "NAMESPACE",
                "SERVICE",
                "SLO",
                "OBJECTIVE",
                "SLI(PERIOD)",
                "BURN 5m/1h/6h/3d",
                "BUDGET LEFT",
                "ALERTS",
                "STATE"));
    for (JsonNode b : items) {
      String period = b.path("period").asText();
      JsonNode periodRatio = b.path("errorRatios").path(period);
      table.row(
          List.of(
              b.path("namespace").asText(),
              b.path("service").asText(),
              b.path("slo").asText(),
              b.path("objective").asText() + "% / " + period,
              periodRatio.isNumber() ? percent(1 - periodRatio.asDouble(), 3) : "-",
              burns(b.path("burnRates")),
              b.path("remainingBudget").isNumber()
                  ? percent(b.path("remainingBudget").asDouble(), 1)
                  : "-",
              b.path("firing").isEmpty() ? "-" : join(b.path("firing")),
              b.path("state").asText()));
    }
    table.print(out);
    out.flush();
  }

  private static String burns(JsonNode rates) {
    StringBuilder s = new StringBuilder();
    for (String w : BURN_WINDOWS) {
      if (!s.isEmpty()) {
        s.append('/');
      }
      JsonNode r = rates.path(w);
      s.append(r.isNumber() ? String.format(Locale.ROOT, "%.2f", r.asDouble()) : "-");
    }
    return s.toString();
  }

  private static String percent(double ratio, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f%%", ratio * 100);
  }

  private static String join(JsonNode array) {
    StringBuilder s = new StringBuilder();
    array.forEach(n -> s.append(s.isEmpty() ? "" : ",").append(n.asText()));
    return s.toString();
  }
}
