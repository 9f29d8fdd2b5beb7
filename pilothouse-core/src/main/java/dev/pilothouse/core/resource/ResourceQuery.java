package dev.pilothouse.core.resource;

/**
 * What a list or watch selects: one kind, one namespace (or all when {@code namespace} is null),
 * and a label selector.
 */
public record ResourceQuery(String group, String kind, String namespace, LabelSelector selector) {

  /** All objects of a kind in every namespace. */
  public static ResourceQuery all(KindInfo kind) {
    return new ResourceQuery(kind.group(), kind.kind(), null, LabelSelector.ALL);
  }

  /** Whether a stored object falls under this query. */
  public boolean matches(ResourceKey key, Resource resource) {
    return key.group().equals(group)
        && key.kind().equals(kind)
        && (namespace == null || namespace.equals(key.namespace()))
        && selector.matches(resource.labels());
  }
}
