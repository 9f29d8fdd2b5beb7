package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A one-line, field-by-field diff of two flag definitions (as a flag event carries them). */
public final class FlagDiff {
  private static final int MAX_VALUE = 60;

  private FlagDiff() {}

  /**
   * E.g. {@code state: ENABLED -> DISABLED; defaultVariant: off -> on}. Empty texts mean the flag
   * did not exist on that side; an unparsable text (a cut definition) is compared as a whole.
   */
  public static String describe(String before, String after) {
    if (before.isEmpty() && after.isEmpty()) {
      return "";
    }
    if (before.isEmpty()) {
      return "created " + shorten(after);
    }
    if (after.isEmpty()) {
      return "deleted";
    }
    JsonNode was;
    JsonNode is;
    try {
      was = Json.parse(before);
      is = Json.parse(after);
    } catch (RuntimeException cut) {
      return shorten(before) + " -> " + shorten(after);
    }
    Set<String> fields = new LinkedHashSet<>();
    was.fieldNames().forEachRemaining(fields::add);
    is.fieldNames().forEachRemaining(fields::add);
    List<String> parts = new ArrayList<>();
    for (String field : fields) {
      JsonNode a = was.path(field);
      JsonNode b = is.path(field);
      if (!a.equals(b)) {
        parts.add(field + ": " + text(a) + " -> " + text(b));
      }
    }
    return String.join("; ", parts);
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode()) {
      return "(none)";
    }
    return shorten(value.isTextual() ? value.asText() : value.toString());
  }

  private static String shorten(String text) {
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 3) + "...";
  }
}
