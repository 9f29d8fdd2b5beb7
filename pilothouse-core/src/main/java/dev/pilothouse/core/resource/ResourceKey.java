package dev.pilothouse.core.resource;

/**
 * Identity of one stored object: kind (qualified by group) plus namespace and name. The namespace
 * is the empty string for cluster-scoped kinds.
 */
public record ResourceKey(String group, String kind, String namespace, String name) {

  /** Key of a document of the given kind in the given namespace. */
  public static ResourceKey of(KindInfo kind, String namespace, String name) {
    return new ResourceKey(kind.group(), kind.kind(), kind.namespaced() ? namespace : "", name);
  }

  @Override
  public String toString() {
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    return namespace.isEmpty() ? qualified + "/" + name : qualified + " " + namespace + "/" + name;
  }
}
