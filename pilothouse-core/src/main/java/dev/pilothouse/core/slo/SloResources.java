package dev.pilothouse.core.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * SLO specs stored as resources: Sloth's Kubernetes CRD {@code PrometheusServiceLevel} ({@code
 * sloth.slok.dev/v1}, whose {@code spec} is a {@code prometheus/v1} spec) and OpenSLO's {@code SLO}
 * and {@code SLI} ({@code openslo/v1}). Admission runs the same parsers as files; field errors are
 * named from the resource root, e.g. {@code spec.slos[0].objective}.
 */
public final class SloResources {
  /** Sloth's CRD kind. */
  public static final String SLOTH_KIND = "PrometheusServiceLevel";

  /** Sloth's CRD apiVersion. */
  public static final String SLOTH_API_VERSION = "sloth.slok.dev/v1";

  /** Qualified kinds, as {@code KindRegistry.addRule} takes them. */
  public static final String SLOTH_QUALIFIED = "PrometheusServiceLevel.sloth.slok.dev";

  /** OpenSLO SLO, qualified. */
  public static final String OPENSLO_SLO_QUALIFIED = "SLO.openslo";

  /** OpenSLO SLI, qualified. */
  public static final String OPENSLO_SLI_QUALIFIED = "SLI.openslo";

  private static final String[][] KINDS = {
    {"sloth.slok.dev", "v1", "prometheusservicelevels"},
    {"openslo", "v1", "slos"},
    {"openslo", "v1", "slis"}
  };

  private static final String REF_STANDIN = "pilothouse-admission-standin";

  private SloResources() {}

  /** An SLO read from a stored resource. */
  public record Stored(String namespace, String kind, String resource, Slo slo) {}

  /** What reading stored resources gave: the SLOs, and the resources that no longer resolve. */
  public record Catalog(List<Stored> slos, List<FieldError> problems) {}

  /**
   * Admission rule for {@code PrometheusServiceLevel}.
   *
   * @throws ValidationException naming {@code spec.…} fields
   */
  public static void validateSloth(JsonNode resource) {
    slothSlos(resource);
  }

  /**
   * Admission rule for an OpenSLO {@code SLO}. An {@code indicatorRef} only has to name an SLI; it
   * is resolved against the namespace's SLIs when budgets and rules are computed, so SLO and SLI
   * can be applied in any order.
   *
   * @throws ValidationException naming {@code spec.…} or {@code metadata.…} fields
   */
  public static void validateOpenSloSlo(JsonNode resource) {
    JsonNode spec = resource.path("spec");
    Map<String, JsonNode> slis = Map.of();
    if (spec.has("indicatorRef")) {
      String ref = spec.path("indicatorRef").asText("");
      if (ref.isBlank()) {
        throw ValidationException.of("spec.indicatorRef", "must name an SLI");
      }
      slis = Map.of(ref, standInSli());
    }
    openSlo(resource, slis, UnaryOperator.identity());
  }

  /**
   * Admission rule for an OpenSLO {@code SLI}: checked as the indicator of a stand-in SLO.
   *
   * @throws ValidationException naming {@code spec.ratioMetric…} fields
   */
  public static void validateOpenSloSli(JsonNode resource) {
    ObjectNode slo = Json.object().put("apiVersion", OpenSloParser.API_VERSION).put("kind", "SLO");
    slo.putObject("metadata").put("name", REF_STANDIN);
    ObjectNode spec = slo.putObject("spec").put("service", REF_STANDIN);
    spec.putObject("indicator").set("spec", resource.path("spec"));
    spec.putArray("objectives").addObject().put("target", 0.99);
    spec.putArray("timeWindow").addObject().put("duration", "30d").put("isRolling", true);
    openSlo(slo, Map.of(), f -> f.replace("spec.indicator.spec", "spec"));
  }

  /** The SLOs of a {@code PrometheusServiceLevel} resource. */
  public static List<Slo> slothSlos(JsonNode resource) {
    ObjectNode doc =
        resource.path("spec").isObject()
            ? ((ObjectNode) resource.get("spec")).deepCopy()
            : Json.object();
    doc.put("version", SlothParser.VERSION);
    try {
      return SlothParser.parse(doc);
    } catch (ValidationException e) {
      throw renamed(e, f -> "spec." + f);
    }
  }

  /**
   * Reads every stored SLO resource (any of the three kinds, any namespaces); OpenSLO {@code
   * indicatorRef}s resolve to SLIs of the same namespace. A resource that no longer resolves is
   * reported, not thrown, so one bad spec never hides the others.
   */
  public static Catalog catalog(List<JsonNode> resources) {
    List<Stored> out = new ArrayList<>();
    List<FieldError> problems = new ArrayList<>();
    for (JsonNode r : resources) {
      String ns = r.path("metadata").path("namespace").asText("");
      String name = r.path("metadata").path("name").asText("");
      String kind = r.path("kind").asText("");
      try {
        List<Slo> slos =
            switch (kind) {
              case SLOTH_KIND -> slothSlos(r);
              case "SLO" -> openSlo(r, slis(resources, ns), UnaryOperator.identity());
              default -> List.of();
            };
        slos.forEach(s -> out.add(new Stored(ns, kind, name, s)));
      } catch (ValidationException e) {
        e.fieldErrors()
            .forEach(f ->
                problems.add(
                    new FieldError(ns + "/" + kind + "/" + name + ": " + f.field(), f.message())));
      }
    }
    return new Catalog(List.copyOf(out), List.copyOf(problems));
  }

  /**
   * Reads the SLO resources of one namespace, or of all when {@code namespace} is null.
   *
   * @see #catalog(List)
   */
  public static Catalog catalog(
      dev.pilothouse.core.resource.ResourceService resources, String namespace) {
    var kinds = resources.kinds();
    List<JsonNode> docs = new ArrayList<>();
    for (String[] gvp : KINDS) {
      var kind = kinds.byPath(gvp[0], gvp[1], gvp[2]);
      resources
          .list(kind, namespace, dev.pilothouse.core.resource.LabelSelector.ALL)
          .items()
          .forEach(r -> docs.add(r.json()));
    }
    return catalog(docs);
  }

  private static Map<String, JsonNode> slis(List<JsonNode> resources, String namespace) {
    Map<String, JsonNode> out = new java.util.HashMap<>();
    for (JsonNode r : resources) {
      if ("SLI".equals(r.path("kind").asText())
          && namespace.equals(r.path("metadata").path("namespace").asText(""))) {
        out.put(r.path("metadata").path("name").asText(), r.path("spec"));
      }
    }
    return out;
  }

  private static List<Slo> openSlo(
      JsonNode resource, Map<String, JsonNode> slis, UnaryOperator<String> rename) {
    List<JsonNode> docs = new ArrayList<>();
    docs.add(resource);
    slis.forEach((name, spec) -> {
      ObjectNode sli =
          Json.object().put("apiVersion", OpenSloParser.API_VERSION).put("kind", "SLI");
      sli.putObject("metadata").put("name", name);
      sli.set("spec", spec);
      docs.add(sli);
    });
    try {
      return OpenSloParser.parse(docs);
    } catch (ValidationException e) {
      throw renamed(e, f -> rename.apply(f.startsWith("[0].") ? f.substring(4) : f));
    }
  }

  private static JsonNode standInSli() {
    ObjectNode spec = Json.object();
    ObjectNode ratio = spec.putObject("ratioMetric");
    ratio
        .putObject("bad")
        .putObject("metricSource")
        .putObject("spec")
        .put("query", "x[{{.window}}]");
    ratio
        .putObject("total")
        .putObject("metricSource")
        .putObject("spec")
        .put("query", "x[{{.window}}]");
    return spec;
  }

  private static ValidationException renamed(ValidationException e, UnaryOperator<String> f) {
    return new ValidationException(
        e.fieldErrors().stream()
            .map(x -> new FieldError(f.apply(x.field()), x.message()))
            .toList());
  }
}
