package dev.pilothouse.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The value of an env {@code valueFrom.resourceFieldRef}, computed as the kubelet does: {@code
 * limits.cpu}, {@code requests.cpu}, {@code limits.memory} or {@code requests.memory} of the
 * container, divided by {@code divisor} (default {@code 1}) and rounded up; CPU in thousandths
 * ({@code divisor: 1m} gives millicores), memory in bytes. A missing limit is the node's
 * allocatable amount; a missing request is the limit (Kubernetes' defaulting), else 0. Pure.
 */
public final class ResourceFields {
  private ResourceFields() {}

  /**
   * What the local machine offers a container without limits.
   *
   * @param cpu cores
   * @param memory bytes
   */
  public record Allocatable(BigDecimal cpu, BigDecimal memory) {}

  /**
   * Computes the value.
   *
   * @param ref the {@code resourceFieldRef} ({@code resource}, {@code divisor}, {@code
   *     containerName})
   * @throws IllegalArgumentException naming the field, for unsupported resources, bad quantities
   *     and references to another container
   */
  public static String value(JsonNode container, JsonNode ref, Allocatable node) {
    String containerName = ref.path("containerName").asText("");
    if (!containerName.isEmpty() && !containerName.equals(container.path("name").asText(""))) {
      throw new IllegalArgumentException(
          "resourceFieldRef.containerName '"
              + containerName
              + "' is another container; locally only the pod's first container runs");
    }
    String resource = ref.path("resource").asText("");
    boolean cpu = resource.endsWith(".cpu");
    if (!resource.matches("(limits|requests)\\.(cpu|memory)")) {
      throw new IllegalArgumentException(
          "resourceFieldRef.resource '"
              + resource
              + "' is not supported locally (limits.cpu, limits.memory, requests.cpu,"
              + " requests.memory)");
    }
    Quantity divisor = quantity("resourceFieldRef.divisor", ref.path("divisor").asText("1"));
    BigDecimal by = cpu ? divisor.milli() : divisor.whole();
    if (by.signum() <= 0) {
      throw new IllegalArgumentException(
          "resourceFieldRef.divisor '" + ref.path("divisor").asText() + "' must be positive");
    }
    Quantity amount = amount(container.path("resources"), resource, cpu, node);
    BigDecimal base = cpu ? amount.milli() : amount.whole();
    return base.divide(by, 0, RoundingMode.CEILING).toPlainString();
  }

  private static Quantity amount(
      JsonNode resources, String resource, boolean cpu, Allocatable node) {
    String name = cpu ? "cpu" : "memory";
    JsonNode limit = resources.path("limits").path(name);
    JsonNode request = resources.path("requests").path(name);
    if (resource.startsWith("requests.")) {
      if (!request.isMissingNode()) {
        return quantity("resources.requests." + name, request.asText());
      }
      return limit.isMissingNode()
          ? new Quantity(BigDecimal.ZERO)
          : quantity("resources.limits." + name, limit.asText());
    }
    if (!limit.isMissingNode()) {
      return quantity("resources.limits." + name, limit.asText());
    }
    return new Quantity(cpu ? node.cpu() : node.memory());
  }

  private static Quantity quantity(String field, String text) {
    try {
      return Quantity.parse(text);
    } catch (Quantity.InvalidQuantityException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }
}
