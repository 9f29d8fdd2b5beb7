package dev.pilothouse.core.delivery;

import java.util.List;

/**
 * The analysis a rollout asks for: templates by name and the arguments to pass them.
 *
 * @param templates template names, each with whether it is a ClusterAnalysisTemplate
 * @param args argument name → value (valueFrom is resolved by the controller)
 */
public record AnalysisRef(List<TemplateRef> templates, List<Arg> args) {

  /** A template reference. */
  public record TemplateRef(String templateName, boolean clusterScope) {}

  /**
   * An argument: a literal value, or a reference the controller resolves (podTemplateHashValue).
   */
  public record Arg(String name, String value, String podTemplateHashValue) {}

  public AnalysisRef {
    templates = List.copyOf(templates);
    args = List.copyOf(args);
  }
}
