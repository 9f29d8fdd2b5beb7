package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An argument of a template or run: {@code {name, value}} or {@code {name, valueFrom}}.
 *
 * @param name the name used as {@code {{args.NAME}}}
 * @param value the literal value, or null when not given (a required argument in a template)
 * @param valueFrom the unresolved reference (secretKeyRef, fieldRef, podTemplateHashValue), or null
 */
public record AnalysisArg(String name, String value, JsonNode valueFrom) {

  /** True when the argument carries a literal value. */
  public boolean hasValue() {
    return value != null;
  }
}
