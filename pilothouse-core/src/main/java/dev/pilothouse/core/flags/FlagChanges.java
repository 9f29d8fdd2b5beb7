package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The platform events a change to a flag set means: one per flag that was created, deleted,
 * enabled, disabled or otherwise changed, carrying the old and new state and default variant and
 * the names of the changed fields. Pure: compares two flagd documents (a FeatureFlagSet's spec).
 *
 * <p>Event types: {@code flag.created}, {@code flag.deleted}, {@code flag.enabled}, {@code
 * flag.disabled}, {@code flag.updated}. Subject {@code FeatureFlag/<key>}, service {@code <key>},
 * namespace the environment.
 */
public final class FlagChanges {
  /** Prefix of every flag event type. */
  public static final String TYPE_PREFIX = "flag.";

  private static final List<String> FIELDS =
      List.of("state", "variants", "defaultVariant", "targeting", "metadata");

  private static final int MAX_DEFINITION = 8192;

  private FlagChanges() {}

  /** The subject of a flag's events. */
  public static String subject(String key) {
    return "FeatureFlag/" + key;
  }

  /**
   * Events for a flag set going from {@code before} to {@code after} (flagd documents; null or
   * missing when the set did not exist or no longer exists).
   *
   * @param environment the namespace
   * @param flagSet the FeatureFlagSet's name
   * @param actor who made the change
   * @param resourceVersion the version the change produced (0 for a deletion)
   */
  public static List<PlatformEvent> between(
      String environment,
      String flagSet,
      JsonNode before,
      JsonNode after,
      String actor,
      long resourceVersion,
      Instant now) {
    JsonNode oldFlags = flags(before);
    JsonNode newFlags = flags(after);
    TreeSet<String> keys = new TreeSet<>();
    oldFlags.fieldNames().forEachRemaining(keys::add);
    newFlags.fieldNames().forEachRemaining(keys::add);
    List<PlatformEvent> events = new ArrayList<>();
    for (String key : keys) {
      JsonNode was = oldFlags.path(key);
      JsonNode is = newFlags.path(key);
      List<String> changed = changedFields(was, is);
      if (!changed.isEmpty()) {
        events.add(event(environment, flagSet, key, was, is, changed, actor, resourceVersion, now));
      }
    }
    return events;
  }

  private static JsonNode flags(JsonNode document) {
    if (document == null || !document.path("flags").isObject()) {
      return MissingNode.getInstance();
    }
    return document.get("flags");
  }

  private static List<String> changedFields(JsonNode was, JsonNode is) {
    if (was.isMissingNode() || is.isMissingNode()) {
      return was.isMissingNode() && is.isMissingNode() ? List.of() : List.of("flag");
    }
    List<String> changed = new ArrayList<>();
    for (String field : FIELDS) {
      if (!was.path(field).equals(is.path(field))) {
        changed.add(field);
      }
    }
    return changed;
  }

  private static PlatformEvent event(
      String environment,
      String flagSet,
      String key,
      JsonNode was,
      JsonNode is,
      List<String> changed,
      String actor,
      long resourceVersion,
      Instant now) {
    String type = type(was, is);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("flag", key);
    attributes.put("environment", environment);
    attributes.put("flagSet", flagSet);
    attributes.put("actor", actor);
    attributes.put("changes", String.join(",", changed));
    attributes.put("oldState", text(was.path("state")));
    attributes.put("newState", text(is.path("state")));
    attributes.put("oldDefaultVariant", text(was.path("defaultVariant")));
    attributes.put("newDefaultVariant", text(is.path("defaultVariant")));
    attributes.put("resourceVersion", Long.toString(resourceVersion));
    // The whole definitions, so history can show a real diff (bounded: a huge flag is cut).
    attributes.put("before", bounded(was));
    attributes.put("after", bounded(is));
    String verb = type.substring(TYPE_PREFIX.length());
    String detail = verb.equals("updated") ? " (" + String.join(", ", changed) + ")" : "";
    return PlatformEvent.of(
        now,
        type,
        environment,
        subject(key),
        key,
        "flag " + key + " " + verb + detail + " in " + environment + " by " + actor,
        attributes);
  }

  private static String type(JsonNode was, JsonNode is) {
    if (was.isMissingNode()) {
      return "flag.created";
    }
    if (is.isMissingNode()) {
      return "flag.deleted";
    }
    String oldState = text(was.path("state"));
    String newState = text(is.path("state"));
    if (!oldState.equals(newState)) {
      if ("DISABLED".equals(newState)) {
        return "flag.disabled";
      }
      if ("ENABLED".equals(newState)) {
        return "flag.enabled";
      }
    }
    return "flag.updated";
  }

  private static String bounded(JsonNode flag) {
    String json = flag.isMissingNode() ? "" : flag.toString();
    return json.length() <= MAX_DEFINITION ? json : json.substring(0, MAX_DEFINITION) + "...";
  }

  /** Scalars as their text, absent as empty, anything else as compact JSON. */
  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
