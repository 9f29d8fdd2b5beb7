package dev.pilothouse.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as Kubernetes builds it, for the local runtime: {@code envFrom}
 * (ConfigMaps and Secrets, with {@code prefix}) first, then {@code env} (later entries win), where
 * {@code valueFrom} reads a {@code configMapKeyRef}, a {@code secretKeyRef}, a {@code fieldRef} of
 * the pod or a {@code resourceFieldRef} ({@link ResourceFields}), and a {@code value}'s {@code
 * $(NAME)} references are expanded. Pure: ConfigMaps and Secrets come from a {@link Lookup}.
 *
 * <p>A reference to a missing object or key fails the whole environment (the pod is not started)
 * unless it says {@code optional: true}; the failure names the variable, the object and the key.
 */
public final class PodEnv {
  /** Kubernetes' reason for a pod whose container configuration cannot be built. */
  public static final String CONFIG_ERROR = "CreateContainerConfigError";

  private static final String OPTIONAL_HINT = " (create it, or set optional: true)";

  private PodEnv() {}

  /** Finds a ConfigMap or Secret of the pod's namespace. */
  @FunctionalInterface
  public interface Lookup {
    /**
     * @param kind {@code ConfigMap} or {@code Secret}
     * @return the object's document, if it exists
     */
    Optional<JsonNode> find(String kind, String name);
  }

  /**
   * The pod fields a {@code fieldRef} can read, and what a {@code resourceFieldRef} falls back to.
   *
   * @param podIP the pod's address (loopback for local pods)
   * @param node the machine's CPU and memory, the value of a limit the container does not set
   */
  public record PodFields(
      String name,
      String namespace,
      Map<String, String> labels,
      String podIP,
      ResourceFields.Allocatable node) {}

  /** The environment, or why it cannot be built. */
  public sealed interface Result {
    /** The variables, in definition order. */
    record Resolved(Map<String, String> env) implements Result {}

    /** A reference that cannot be resolved; {@code message} names the variable and the key. */
    record Failed(String message) implements Result {}
  }

  /** Resolves {@code container}'s {@code envFrom} and {@code env}, with nothing injected. */
  public static Result resolve(JsonNode container, PodFields pod, Lookup lookup) {
    return resolve(container, pod, Map.of(), lookup);
  }

  /**
   * Resolves {@code container}'s {@code envFrom} and {@code env}. A {@code value}'s {@code $(NAME)}
   * references are expanded ({@link VarExpansion}) with the variables defined before it (envFrom,
   * then earlier env entries), else {@code injected} (the runtime's own variables, as Kubernetes
   * uses service variables); values from {@code valueFrom} are taken as they are.
   */
  public static Result resolve(
      JsonNode container, PodFields pod, Map<String, String> injected, Lookup lookup) {
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (JsonNode source : container.path("envFrom")) {
        fromSource(source, lookup, env);
      }
      for (JsonNode var : container.path("env")) {
        String name = var.path("name").asText("");
        if (var.has("valueFrom")) {
          value(name, container, var.path("valueFrom"), pod, lookup)
              .ifPresent(v -> env.put(name, v));
        } else {
          String value = var.path("value").asText("");
          env.put(
              name,
              VarExpansion.expand(
                  value, ref -> env.containsKey(ref) ? env.get(ref) : injected.get(ref)));
        }
      }
    } catch (Unresolvable e) {
      return new Result.Failed(e.getMessage());
    }
    return new Result.Resolved(env);
  }

  private static void fromSource(JsonNode source, Lookup lookup, Map<String, String> env) {
    String prefix = source.path("prefix").asText("");
    String kind = source.has("secretRef") ? "Secret" : "ConfigMap";
    JsonNode ref = source.has("secretRef") ? source.path("secretRef") : source.path("configMapRef");
    String name = ref.path("name").asText("");
    Optional<JsonNode> object = lookup.find(kind, name);
    if (object.isEmpty()) {
      if (ref.path("optional").asBoolean(false)) {
        return;
      }
      throw new Unresolvable("envFrom: " + kind + " '" + name + "' not found" + OPTIONAL_HINT);
    }
    for (String key : keys(object.get())) {
      env.put(prefix + key, data(kind, name, object.get(), key).orElse(""));
    }
  }

  private static Optional<String> value(
      String var, JsonNode container, JsonNode from, PodFields pod, Lookup lookup) {
    if (from.has("fieldRef")) {
      return Optional.of(field(var, from.path("fieldRef").path("fieldPath").asText(""), pod));
    }
    if (from.has("resourceFieldRef")) {
      try {
        return Optional.of(
            ResourceFields.value(container, from.path("resourceFieldRef"), pod.node()));
      } catch (IllegalArgumentException e) {
        throw new Unresolvable("env " + var + ": " + e.getMessage());
      }
    }
    String kind;
    JsonNode ref;
    if (from.has("configMapKeyRef")) {
      kind = "ConfigMap";
      ref = from.path("configMapKeyRef");
    } else if (from.has("secretKeyRef")) {
      kind = "Secret";
      ref = from.path("secretKeyRef");
    } else {
      throw new Unresolvable(
          "env "
              + var
              + ": valueFrom supports configMapKeyRef, secretKeyRef, fieldRef and resourceFieldRef"
              + " locally, not "
              + String.join(", ", names(from)));
    }
    String name = ref.path("name").asText("");
    String key = ref.path("key").asText("");
    boolean optional = ref.path("optional").asBoolean(false);
    Optional<JsonNode> object = lookup.find(kind, name);
    Optional<String> value = object.flatMap(o -> data(kind, name, o, key));
    if (value.isEmpty() && !optional) {
      throw new Unresolvable(
          "env "
              + var
              + ": "
              + (object.isEmpty()
                  ? kind + " '" + name + "' not found"
                  : "key '" + key + "' not found in " + kind + " '" + name + "'")
              + OPTIONAL_HINT);
    }
    return value;
  }

  private static String field(String var, String path, PodFields pod) {
    return switch (path) {
      case "metadata.name" -> pod.name();
      case "metadata.namespace" -> pod.namespace();
      case "status.podIP", "status.hostIP" -> pod.podIP();
      case "spec.nodeName" -> "localhost";
      default -> {
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
          yield pod.labels().getOrDefault(path.substring(17, path.length() - 2), "");
        }
        throw new Unresolvable(
            "env "
                + var
                + ": fieldRef.fieldPath '"
                + path
                + "' is not supported locally (metadata.name, metadata.namespace,"
                + " metadata.labels['KEY'], status.podIP, status.hostIP, spec.nodeName)");
      }
    };
  }

  private static List<String> names(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static Iterable<String> keys(JsonNode object) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    keys.addAll(names(object.path("data")));
    keys.addAll(names(object.path("stringData")));
    keys.addAll(names(object.path("binaryData")));
    return keys;
  }

  /**
   * A key's value: ConfigMap {@code data} as is (or {@code binaryData} decoded); Secret {@code
   * stringData} as is, else {@code data} decoded from base64.
   */
  private static Optional<String> data(String kind, String name, JsonNode object, String key) {
    if (kind.equals("Secret") && object.path("stringData").has(key)) {
      return Optional.of(object.path("stringData").path(key).asText());
    }
    if (kind.equals("ConfigMap") && object.path("data").has(key)) {
      return Optional.of(object.path("data").path(key).asText());
    }
    String field = kind.equals("Secret") ? "data" : "binaryData";
    if (!object.path(field).has(key)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(object.path(field).path(key).asText());
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new Unresolvable(
          kind
              + " '"
              + name
              + "' "
              + field
              + "."
              + key
              + " is not valid base64: "
              + e.getMessage());
    }
  }

  /** A reference that cannot be resolved (internal: becomes {@link Result.Failed}). */
  private static final class Unresolvable extends RuntimeException {
    Unresolvable(String message) {
      super(message, null, false, false);
    }
  }
}
