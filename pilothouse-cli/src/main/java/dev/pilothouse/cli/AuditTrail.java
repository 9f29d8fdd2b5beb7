package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The recent audit entries of one object, for {@code describe}. */
final class AuditTrail {
  private static final int LIMIT = 200;
  private static final int SHOWN = 10;

  private final Session session;

  AuditTrail(Session session) {
    this.session = session;
  }

  /** Prints the object's entries; prints nothing when the caller may not read the audit log. */
  void print(PrintWriter out, ApiKind kind, JsonNode metadata) {
    JsonNode audit;
    try {
      audit = session.client().get(query(metadata.path("namespace").asText("")));
    } catch (ApiException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        return; // reading the audit log is a privilege; describe works without it
      }
      throw e;
    }
    List<JsonNode> entries = entriesOf(audit, kind, metadata.path("name").asText());
    if (entries.isEmpty()) {
      return;
    }
    out.println("Audit:");
    TextTable table = TextTable.of("  TIME", "ACTOR", "VERB", "VERSION");
    entries.forEach(
        e -> table.row("  " + text(e, "time"), text(e, "actor"), text(e, "verb"), versions(e)));
    table.print(out);
  }

  private static String query(String namespace) {
    String ns = URLEncoder.encode(namespace, StandardCharsets.UTF_8);
    return "/api/v1/audit?namespace=" + ns + "&limit=" + LIMIT;
  }

  /**
   * Entries whose target names this object. The target format is the server's; matching on the
   * trailing name plus the kind or plural keeps this independent of its exact shape.
   */
  private static List<JsonNode> entriesOf(JsonNode audit, ApiKind kind, String name) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode entry : audit.path("items")) {
      String target = entry.path("target").asText("").toLowerCase(Locale.ROOT);
      String lowerName = name.toLowerCase(Locale.ROOT);
      boolean sameName = target.equals(lowerName) || target.endsWith("/" + lowerName);
      boolean sameKind =
          target.contains(kind.plural().toLowerCase(Locale.ROOT))
              || target.contains(kind.kind().toLowerCase(Locale.ROOT));
      if (sameName && sameKind) {
        matching.add(entry);
      }
    }
    return matching.subList(0, Math.min(SHOWN, matching.size()));
  }

  private static String text(JsonNode entry, String field) {
    return entry.path(field).asText("");
  }

  private static String versions(JsonNode entry) {
    return text(entry, "beforeVersion") + " -> " + text(entry, "afterVersion");
  }
}
