package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the API serves. Each kind is registered with the schema of its {@code spec} (and other
 * top-level fields); the registry wraps it in the common envelope (apiVersion, kind, metadata) so
 * every kind validates metadata the same way.
 */
public final class KindRegistry {
  private static final List<String> BUILTIN =
      List.of(
          "configmap",
          "secret",
          "service",
          "deployment",
          "replicaset",
          "pod",
          "rollout",
          "analysistemplate",
          "clusteranalysistemplate",
          "analysisrun",
          "featureflagset",
          "prometheusservicelevel",
          "openslo-slo",
          "openslo-sli",
          "anomalymonitor");

  private final Map<String, Registered> byPath = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.Consumer<JsonNode>> rules =
      new ConcurrentHashMap<>();
  private final Map<String, Registered> byApiVersionKind = new ConcurrentHashMap<>();

  private record Registered(KindInfo info, SchemaValidator validator) {}

  /** A registry holding the kinds Pilothouse ships. */
  public static KindRegistry builtin() {
    KindRegistry registry = new KindRegistry();
    for (String name : BUILTIN) {
      registry.register(load("kinds/" + name + ".json"));
    }
    registry.addRule("Rollout.argoproj.io", dev.pilothouse.core.delivery.RolloutParser::parse);
    registry.addRule(
        dev.pilothouse.core.flags.FeatureFlagSets.QUALIFIED_KIND,
        dev.pilothouse.core.flags.FeatureFlagSets::validate);
    registry.addRule(
        dev.pilothouse.core.slo.SloResources.SLOTH_QUALIFIED,
        dev.pilothouse.core.slo.SloResources::validateSloth);
    registry.addRule(
        dev.pilothouse.core.slo.SloResources.OPENSLO_SLO_QUALIFIED,
        dev.pilothouse.core.slo.SloResources::validateOpenSloSlo);
    registry.addRule(
        dev.pilothouse.core.slo.SloResources.OPENSLO_SLI_QUALIFIED,
        dev.pilothouse.core.slo.SloResources::validateOpenSloSli);
    registry.addRule(
        dev.pilothouse.core.anomaly.AnomalyMonitorSpec.QUALIFIED_KIND,
        dev.pilothouse.core.anomaly.AnomalyMonitorSpec::parse);
    return registry;
  }

  /**
   * Reads a kind definition: {@code {group, version, kind, plural, namespaced, statusSubresource,
   * properties, required}} where {@code properties} are the schemas of the top-level fields besides
   * apiVersion, kind and metadata.
   */
  public static KindInfo load(String resource) {
    try (InputStream in = KindRegistry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing kind definition " + resource);
      }
      JsonNode def = Json.MAPPER.readTree(in);
      return new KindInfo(
          def.path("group").asText(""),
          def.path("version").asText(),
          def.path("kind").asText(),
          def.path("plural").asText(),
          def.path("namespaced").asBoolean(true),
          def.path("statusSubresource").asBoolean(false),
          EnvelopeSchema.wrap(def));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a rule a schema cannot express (e.g. Argo's step semantics), run after the schema check;
   * it throws {@link ValidationException} naming the fields.
   *
   * @param qualifiedKind e.g. {@code Rollout.argoproj.io}
   */
  public void addRule(String qualifiedKind, java.util.function.Consumer<JsonNode> rule) {
    rules.put(qualifiedKind, rule);
  }

  /** Adds or replaces a kind. */
  public void register(KindInfo kind) {
    Registered registered = new Registered(kind, SchemaValidator.compile(kind.schema()));
    byPath.put(pathKey(kind.group(), kind.version(), kind.plural()), registered);
    byApiVersionKind.put(kind.apiVersion() + "|" + kind.kind(), registered);
  }

  /**
   * The kind served at {@code /apis/{group}/{version}/.../{plural}}.
   *
   * @throws NotFoundException when no such kind is registered
   */
  public KindInfo byPath(String group, String version, String plural) {
    Registered r = byPath.get(pathKey(group, version, plural));
    if (r == null) {
      String gv = group.isEmpty() ? version : group + "/" + version;
      throw new NotFoundException("the server does not serve " + plural + " in " + gv);
    }
    return r.info();
  }

  /** The kind a document declares through apiVersion and kind, if registered. */
  public Optional<KindInfo> byApiVersionKind(String apiVersion, String kind) {
    return Optional.ofNullable(byApiVersionKind.get(apiVersion + "|" + kind)).map(Registered::info);
  }

  /**
   * The kind of a submitted document.
   *
   * @throws ValidationException naming apiVersion/kind when they are missing or unknown
   */
  public KindInfo kindOf(JsonNode document) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw ValidationException.of(apiVersion.isEmpty() ? "apiVersion" : "kind", "is required");
    }
    return byApiVersionKind(apiVersion, kind)
        .orElseThrow(() ->
            ValidationException.of(
                "kind", "unknown kind " + kind + " in " + apiVersion + " (not registered)"));
  }

  /**
   * The kind a Kubernetes-style resource name means: {@code secrets} (core group) or {@code
   * plural.group}, as in an EncryptionConfiguration.
   */
  public Optional<KindInfo> byResourceName(String resource) {
    int dot = resource.indexOf('.');
    String plural = dot < 0 ? resource : resource.substring(0, dot);
    String group = dot < 0 ? "" : resource.substring(dot + 1);
    return kinds().stream()
        .filter(k -> k.plural().equals(plural) && k.group().equals(group))
        .findFirst();
  }

  /** All registered kinds. */
  public Collection<KindInfo> kinds() {
    return byPath.values().stream().map(Registered::info).toList();
  }

  /**
   * Checks a full document against its kind's schema.
   *
   * @throws ValidationException listing every bad field
   */
  public void validate(KindInfo kind, ObjectNode document) {
    Registered r = byApiVersionKind.get(kind.apiVersion() + "|" + kind.kind());
    List<FieldError> errors = r.validator().validate(document);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    var rule = rules.get(kind.qualifiedKind());
    if (rule != null) {
      rule.accept(document);
    }
  }

  private static String pathKey(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
