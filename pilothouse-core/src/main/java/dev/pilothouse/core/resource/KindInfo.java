package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A registered resource kind: its identity on the API, its scope and the JSON schema that every
 * stored document of the kind must satisfy.
 *
 * @param group API group, empty for the Kubernetes core group ({@code v1})
 * @param version API version within the group, e.g. {@code v1alpha1}
 * @param kind the kind name, e.g. {@code Rollout}
 * @param plural the lower-case plural used in URLs, e.g. {@code rollouts}
 * @param namespaced whether objects live in a namespace
 * @param statusSubresource whether {@code status} is written only through the status subresource
 * @param schema JSON schema (2020-12) of the whole document
 */
public record KindInfo(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    boolean statusSubresource,
    JsonNode schema) {

  /** The {@code apiVersion} string documents of this kind carry, e.g. {@code apps/v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The {@code kind.group} identity used in storage and messages, e.g. {@code Rollout.argoproj.io}.
   */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
