package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A resource kind as the server's discovery endpoint describes it, and the URL paths of its
 * collections and objects.
 */
public record ApiKind(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    boolean statusSubresource) {

  /** Reads one item of {@code GET /api/v1/kinds}. */
  static ApiKind fromJson(JsonNode item) {
    return new ApiKind(
        item.path("group").asText(""),
        item.path("version").asText(""),
        item.path("kind").asText(""),
        item.path("plural").asText(""),
        item.path("namespaced").asBoolean(true),
        item.path("statusSubresource").asBoolean(false));
  }

  /**
   * The API prefix of a group version. Every group, the core group included, is served under {@code
   * /apis}; the core group's path segment is {@code core}.
   */
  public static String apiPath(String group, String version) {
    return "/apis/" + (group.isEmpty() ? "core" : group) + "/" + version;
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The kubectl-style type reference used in output, e.g. {@code rollout.argoproj.io}. */
  public String ref() {
    String singular = kind.toLowerCase(Locale.ROOT);
    return group.isEmpty() ? singular : singular + "." + group;
  }

  /** Collection path; {@code namespace} null (or a cluster-scoped kind) means all namespaces. */
  public String collectionPath(String namespace) {
    String base = apiPath(group, version);
    if (namespaced && namespace != null) {
      return base + "/namespaces/" + namespace + "/" + plural;
    }
    return base + "/" + plural;
  }

  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }

  /** True when {@code name} names this kind: kind, plural, singular or {@code plural.group}. */
  boolean matches(String name) {
    return name.equalsIgnoreCase(kind)
        || name.equalsIgnoreCase(plural)
        || (!group.isEmpty()
            && (name.equalsIgnoreCase(plural + "." + group)
                || name.equalsIgnoreCase(kind + "." + group)));
  }
}
