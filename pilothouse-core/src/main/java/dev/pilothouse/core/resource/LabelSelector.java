package dev.pilothouse.core.resource;

import dev.pilothouse.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An equality-based label selector as in Kubernetes: {@code k=v}, {@code k==v}, {@code k!=v},
 * comma-separated, all of which must hold.
 */
public record LabelSelector(Map<String, String> equal, Map<String, String> notEqual) {
  /** The selector that matches everything. */
  public static final LabelSelector ALL = new LabelSelector(Map.of(), Map.of());

  public LabelSelector {
    equal = Map.copyOf(equal);
    notEqual = Map.copyOf(notEqual);
  }

  /**
   * Parses the query-parameter form; blank means {@link #ALL}.
   *
   * @throws ValidationException naming {@code labelSelector} when a term is not {@code k=v} or
   *     {@code k!=v}
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    Map<String, String> eq = new LinkedHashMap<>();
    Map<String, String> ne = new LinkedHashMap<>();
    for (String term : text.split(",")) {
      String t = term.trim();
      int bang = t.indexOf("!=");
      int at = bang >= 0 ? bang : t.indexOf('=');
      if (at <= 0) {
        throw ValidationException.of(
            "labelSelector", "'" + t + "' is not an equality term (key=value or key!=value)");
      }
      String key = t.substring(0, at).trim();
      String value = t.substring(at + (bang >= 0 || t.startsWith("==", at) ? 2 : 1)).trim();
      Labels.requireValidKey("labelSelector", key);
      Labels.requireValidValue("labelSelector", value);
      (bang >= 0 ? ne : eq).put(key, value);
    }
    return new LabelSelector(eq, ne);
  }

  /** Whether a label set satisfies every term. */
  public boolean matches(Map<String, String> labels) {
    for (var e : equal.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (var e : notEqual.entrySet()) {
      if (e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The canonical query-parameter form. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    equal.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    notEqual.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append("!=").append(v));
    return sb.toString();
  }
}
