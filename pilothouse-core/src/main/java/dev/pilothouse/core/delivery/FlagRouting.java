package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.FieldReader;
import dev.pilothouse.core.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * A flag rollout: a canary whose traffic router is a feature flag's {@code fractional} split,
 * selected by {@code trafficRouting.plugins["pilothouse.dev/flag"]}. It runs no pods: a revision is
 * a variant of the flag (its "template" is the flag and variant, so changing {@code canaryVariant}
 * starts a new update), and a weight is the share of evaluations the canary variant gets.
 *
 * @param environment the flag's environment (namespace); empty means the rollout's own
 */
public record FlagRouting(
    String flag, String environment, String canaryVariant, String stableVariant) {
  /** The plugin name under {@code spec.strategy.canary.trafficRouting.plugins}. */
  public static final String PLUGIN = "pilothouse.dev/flag";

  private static final String AT = "spec.strategy.canary.trafficRouting.plugins[" + PLUGIN + "]";

  /** One variant's share of a {@code fractional} split, in percent. */
  public record Share(String variant, int weight) {}

  /** The plugin config of a rollout document, when it is a flag rollout. */
  public static Optional<JsonNode> config(JsonNode rollout) {
    JsonNode node =
        rollout
            .path("spec")
            .path("strategy")
            .path("canary")
            .path("trafficRouting")
            .path("plugins")
            .path(PLUGIN);
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  /** Reads the plugin config, recording bad fields in {@code f}. */
  static FlagRouting parse(JsonNode config, FieldReader f) {
    if (!config.isObject()) {
      f.error(AT, "must be an object with flag, canaryVariant and stableVariant");
      return new FlagRouting("", "", "", "");
    }
    return new FlagRouting(
        f.text(config.path("flag"), AT + ".flag", true),
        f.text(config.path("environment"), AT + ".environment", false),
        f.text(config.path("canaryVariant"), AT + ".canaryVariant", true),
        f.text(config.path("stableVariant"), AT + ".stableVariant", true));
  }

  /**
   * Reads a config already accepted by {@link RolloutParser} (the router's view).
   *
   * @throws dev.pilothouse.core.error.ValidationException naming the bad field
   */
  public static FlagRouting of(JsonNode config) {
    FieldReader f = new FieldReader(false);
    FlagRouting routing = parse(config, f);
    f.throwIfErrors();
    return routing;
  }

  /**
   * The environment the flag lives in: the rollout's own namespace. The router writes the flag as
   * the controller, not as whoever applied the rollout, so naming another namespace would let write
   * access to one namespace change flags in another; that is refused.
   *
   * @throws dev.pilothouse.core.error.ValidationException when another environment is named
   */
  public String environmentFor(String rolloutNamespace) {
    if (!environment.isEmpty() && !environment.equals(rolloutNamespace)) {
      throw dev.pilothouse.core.error.ValidationException.of(
          AT + ".environment",
          "must be the rollout's own namespace '"
              + rolloutNamespace
              + "' (a rollout may only change flags of its namespace), not '"
              + environment
              + "'");
    }
    return rolloutNamespace;
  }

  /** The document a variant's revision hash is taken from (stands in for a pod template). */
  public JsonNode template(String variant) {
    ObjectNode t = Json.object().put("flag", flag).put("variant", variant);
    if (!environment.isEmpty()) {
      t.put("environment", environment);
    }
    return t;
  }

  /** The revision hash of a variant. */
  public String hash(String variant) {
    return Revisions.hash(template(variant));
  }

  /**
   * The split for a {@link TrafficRouter} call. Each hash is mapped back to its variant (falling
   * back to the role's configured variant), so a settled or promoted rollout, which routes 0% to
   * its own stable hash, sends everything to the variant that became stable: after a completed
   * rollout the canary variant keeps 100%.
   */
  public List<Share> split(String canaryHash, String stableHash, int canaryWeight) {
    String stable = variantOf(stableHash, stableVariant);
    if (canaryHash.equals(stableHash)) {
      return shares(canaryVariant, stable.equals(canaryVariant) ? 100 : 0, stableVariant);
    }
    return shares(variantOf(canaryHash, canaryVariant), canaryWeight, stable);
  }

  private static List<Share> shares(String canary, int weight, String stable) {
    return canary.equals(stable)
        ? List.of(new Share(canary, 100))
        : List.of(new Share(canary, weight), new Share(stable, 100 - weight));
  }

  private String variantOf(String hash, String fallback) {
    if (hash.equals(hash(canaryVariant))) {
      return canaryVariant;
    }
    return hash.equals(hash(stableVariant)) ? stableVariant : fallback;
  }

  /**
   * A flag's targeting with its {@code fractional} split set to {@code shares}: the first {@code
   * fractional} found (depth first) keeps its bucketing expression and gets the new buckets, so
   * rules around it (say, "staff always get on") survive; a targeting without one becomes the split
   * alone.
   */
  public static JsonNode withSplit(JsonNode targeting, List<Share> shares) {
    ArrayNode buckets = Json.MAPPER.createArrayNode();
    for (Share s : shares) {
      buckets.addArray().add(s.variant()).add(s.weight());
    }
    if (targeting != null && targeting.isContainerNode()) {
      JsonNode copy = targeting.deepCopy();
      if (replaceFractional(copy, buckets)) {
        return copy;
      }
    }
    ObjectNode fresh = Json.object();
    fresh.set("fractional", buckets);
    return fresh;
  }

  private static boolean replaceFractional(JsonNode node, ArrayNode buckets) {
    if (node instanceof ObjectNode o && o.path("fractional").isArray()) {
      ArrayNode args = (ArrayNode) o.get("fractional");
      ArrayNode next = Json.MAPPER.createArrayNode();
      if (!args.isEmpty() && !args.get(0).isArray()) {
        next.add(args.get(0)); // the bucketing expression, e.g. {"var": "email"}
      }
      next.addAll(buckets);
      o.set("fractional", next);
      return true;
    }
    for (JsonNode child : node) {
      if (child.isContainerNode() && replaceFractional(child, buckets)) {
        return true;
      }
    }
    return false;
  }
}
