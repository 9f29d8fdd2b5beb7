package dev.pilothouse.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.flags.FeatureFlagSets;
import dev.pilothouse.core.flags.FlagChanges;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.RetryPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The operations on single flags, free of HTTP: list and read the flags of an environment, set a
 * flag's definition, enable or disable it, the kill switch across every environment, and a flag's
 * history (its platform events). Flags live in FeatureFlagSet resources, so every change goes
 * through the resource API's validation, audit and watches; {@link FlagEventRecorder} turns each
 * into platform events.
 */
public final class FlagOperations {
  /** The set a new flag goes to when the caller names none. */
  public static final String DEFAULT_SET = "flags";

  private final ResourceService resources;
  private final EventLog events;
  private final KindInfo kind;

  /** Creates the operations. */
  public FlagOperations(ResourceService resources, EventLog events) {
    this.resources = resources;
    this.events = events;
    this.kind =
        resources
            .kinds()
            .byApiVersionKind(FeatureFlagSets.API_VERSION, FeatureFlagSets.KIND)
            .orElseThrow(() -> new IllegalStateException("FeatureFlagSet kind not registered"));
  }

  /**
   * One flag as served in an environment.
   *
   * @param flagSet the FeatureFlagSet it comes from (the last by name that defines it)
   * @param definition the flagd flag definition
   */
  public record FlagView(
      String key, String environment, String flagSet, long resourceVersion, JsonNode definition) {

    /** {@code ENABLED} or {@code DISABLED}. */
    public String state() {
      return definition.path("state").asText("");
    }

    /** The default variant's name, empty when the code default applies. */
    public String defaultVariant() {
      JsonNode v = definition.path("defaultVariant");
      return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    /** The variants object. */
    public JsonNode variants() {
      return definition.path("variants");
    }

    /** The targeting rule, missing or null when there is none. */
    public JsonNode targeting() {
      return definition.path("targeting");
    }

    /** As the API returns it. */
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("key", key)
          .put("environment", environment)
          .put("flagSet", flagSet)
          .put("resourceVersion", Long.toString(resourceVersion))
          .put("state", state());
      o.set("variants", variants());
      if (definition.has("defaultVariant")) {
        o.set("defaultVariant", definition.get("defaultVariant"));
      }
      if (definition.has("targeting")) {
        o.set("targeting", definition.get("targeting"));
      }
      if (definition.has("metadata")) {
        o.set("metadata", definition.get("metadata"));
      }
      return o;
    }
  }

  /**
   * What the kill switch did in one environment.
   *
   * @param previousState the flag's state before ({@code DISABLED} means it was left alone)
   */
  public record Killed(String environment, String flagSet, String previousState) {}

  /** The flags served in an environment, by key (later sets override earlier ones, as OFREP). */
  public List<FlagView> list(String environment) {
    Map<String, FlagView> flags = new LinkedHashMap<>();
    for (Resource set : sets(environment)) {
      set.json()
          .path("spec")
          .path("flags")
          .properties()
          .forEach(e ->
              flags.put(
                  e.getKey(),
                  new FlagView(
                      e.getKey(), environment, set.name(), set.resourceVersion(), e.getValue())));
    }
    return flags.values().stream().sorted(Comparator.comparing(FlagView::key)).toList();
  }

  /** One flag as served, or {@link NotFoundException}. */
  public FlagView get(String environment, String key) {
    return list(environment).stream()
        .filter(f -> f.key().equals(key))
        .findFirst()
        .orElseThrow(() -> notFound(environment, key));
  }

  /**
   * Sets a flag's whole definition. It goes to {@code flagSet} when given (created if missing),
   * else to the set that serves it now, else to {@link #DEFAULT_SET}. The resource's validation
   * names bad fields as {@code spec.flags.<key>.<field>}.
   */
  public FlagView set(
      String environment, String key, String flagSet, JsonNode definition, Actor actor) {
    if (definition == null || !definition.isObject()) {
      throw ValidationException.of("(body)", "must be a flag definition object");
    }
    String target =
        flagSet != null && !flagSet.isEmpty()
            ? flagSet
            : list(environment).stream()
                .filter(f -> f.key().equals(key))
                .map(FlagView::flagSet)
                .findFirst()
                .orElse(DEFAULT_SET);
    RetryPolicy.ON_CONFLICT.run(() -> {
      Resource current = find(environment, target);
      if (current == null) {
        ObjectNode doc = Json.object();
        doc.put("apiVersion", FeatureFlagSets.API_VERSION).put("kind", FeatureFlagSets.KIND);
        doc.putObject("metadata").put("name", target);
        doc.putObject("spec").putObject("flags").set(key, definition);
        return resources.create(kind, environment, doc, actor);
      }
      ObjectNode next = current.toJson();
      ObjectNode spec =
          next.path("spec").isObject() ? (ObjectNode) next.get("spec") : next.putObject("spec");
      ObjectNode flags =
          spec.path("flags").isObject() ? (ObjectNode) spec.get("flags") : spec.putObject("flags");
      flags.set(key, definition);
      return resources.replace(kind, environment, target, next, actor);
    });
    return get(environment, key);
  }

  /**
   * Changes one flag's definition in the set that serves it, read-modify-write from a fresh read
   * and retried on conflict, so a concurrent change (the kill switch, a user's edit) is never
   * overwritten with a stale copy. Nothing is written when {@code change} returns an equal
   * definition.
   *
   * @return the flag as served afterwards
   * @throws NotFoundException when the environment does not serve the flag
   */
  public FlagView update(
      String environment, String key, UnaryOperator<JsonNode> change, Actor actor) {
    RetryPolicy.ON_CONFLICT.run(() -> {
      // One read of the serving set: its resourceVersion guards the definition changed here.
      Resource set = find(environment, get(environment, key).flagSet());
      JsonNode current = set == null ? null : set.json().path("spec").path("flags").get(key);
      if (current == null) {
        throw new ConflictException("flag '" + key + "' moved while it was being changed");
      }
      JsonNode next = change.apply(current.deepCopy());
      if (next.equals(current)) {
        return set;
      }
      ObjectNode doc = set.toJson();
      ((ObjectNode) doc.path("spec").path("flags")).set(key, next);
      return resources.replace(kind, environment, set.name(), doc, actor);
    });
    return get(environment, key);
  }

  /**
   * Enables or disables a flag in an environment: every set there that defines it, so the served
   * state is the one asked for whichever set wins.
   *
   * @return the flag as served afterwards
   */
  public FlagView setState(String environment, String key, boolean enabled, Actor actor) {
    List<Resource> defining = defining(environment, key);
    if (defining.isEmpty()) {
      throw notFound(environment, key);
    }
    for (Resource set : defining) {
      patchState(set, key, enabled ? "ENABLED" : "DISABLED", actor);
    }
    return get(environment, key);
  }

  /** Every environment (namespace) holding at least one FeatureFlagSet, sorted. */
  public List<String> environments() {
    return resources.list(kind, null, LabelSelector.ALL).items().stream()
        .map(Resource::namespace)
        .distinct()
        .sorted()
        .toList();
  }

  /** Every environment (namespace) with a set defining {@code key}. */
  public List<String> environmentsOf(String key) {
    return resources.list(kind, null, LabelSelector.ALL).items().stream()
        .filter(r -> definesFlag(r, key))
        .map(Resource::namespace)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The kill switch: disables {@code key} in every set of every environment that defines it, in one
   * transaction (all environments or none, whatever fails half-way). The caller's access is checked
   * first ({@code requireWrite} runs for every environment before anything is written and throws to
   * refuse, so a refusal changes nothing).
   *
   * @throws NotFoundException when no environment defines the flag
   */
  public List<Killed> kill(String key, Consumer<String> requireWrite, Actor actor) {
    List<Resource> defining =
        resources.list(kind, null, LabelSelector.ALL).items().stream()
            .filter(r -> definesFlag(r, key))
            .sorted(Comparator.comparing(Resource::namespace).thenComparing(Resource::name))
            .toList();
    if (defining.isEmpty()) {
      throw new NotFoundException("flag '" + key + "' is not defined in any environment");
    }
    defining.stream().map(Resource::namespace).distinct().forEach(requireWrite);
    List<Killed> killed = new ArrayList<>();
    List<ResourceService.Patch> patches = new ArrayList<>();
    for (Resource set : defining) {
      String before = set.json().path("spec").path("flags").path(key).path("state").asText("");
      if (!"DISABLED".equals(before)) {
        patches.add(
            new ResourceService.Patch(set.namespace(), set.name(), statePatch(key, "DISABLED")));
      }
      killed.add(new Killed(set.namespace(), set.name(), before));
    }
    resources.patchAll(kind, patches, actor); // one transaction: every environment or none
    return killed;
  }

  /** A flag's change events, newest first, in one environment or (null) every environment. */
  public List<PlatformEvent> history(String key, String environment, int limit) {
    return events.query(
        new EventQuery(
            environment, FlagChanges.subject(key), null, FlagChanges.TYPE_PREFIX, limit));
  }

  private void patchState(Resource set, String key, String state, Actor actor) {
    resources.patch(kind, set.namespace(), set.name(), statePatch(key, state), false, actor);
  }

  private static ObjectNode statePatch(String key, String state) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").putObject("flags").putObject(key).put("state", state);
    return patch;
  }

  private List<Resource> sets(String environment) {
    return resources.list(kind, environment, LabelSelector.ALL).items().stream()
        .sorted(Comparator.comparing(Resource::name))
        .toList();
  }

  private List<Resource> defining(String environment, String key) {
    return sets(environment).stream().filter(r -> definesFlag(r, key)).toList();
  }

  private Resource find(String environment, String name) {
    return sets(environment).stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  private static boolean definesFlag(Resource set, String key) {
    return set.json().path("spec").path("flags").path(key).isObject();
  }

  private static NotFoundException notFound(String environment, String key) {
    return new NotFoundException(
        "flag '" + key + "' not found in environment '" + environment + "'");
  }
}
