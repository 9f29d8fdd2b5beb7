package dev.pilothouse.core.flags;

import java.util.Map;

/**
 * The outcome of evaluating one flag.
 *
 * @param value the resolved value (plain Java JSON: Boolean, String, Number, Map, List), or null
 *     when the caller's code default applies (DISABLED, DEFAULT without a default variant, errors)
 * @param variant the variant chosen, or null with no value
 * @param reason why
 * @param errorCode set only when {@code reason} is ERROR
 * @param errorMessage a human-readable cause for errors
 * @param flagMetadata the flag set's metadata overridden by the flag's own
 */
public record Evaluation(
    Object value,
    String variant,
    Reason reason,
    ErrorCode errorCode,
    String errorMessage,
    Map<String, Object> flagMetadata) {

  public Evaluation {
    flagMetadata = flagMetadata == null ? Map.of() : Map.copyOf(flagMetadata);
  }

  /** A successful resolution to a variant. */
  static Evaluation resolved(
      Object value, String variant, Reason reason, Map<String, Object> metadata) {
    return new Evaluation(value, variant, reason, null, null, metadata);
  }

  /** A success without a value: the caller's default applies. */
  static Evaluation noValue(Reason reason, Map<String, Object> metadata) {
    return new Evaluation(null, null, reason, null, null, metadata);
  }

  /** A failure. */
  static Evaluation error(ErrorCode code, String message, Map<String, Object> metadata) {
    return new Evaluation(null, null, Reason.ERROR, code, message, metadata);
  }

  /** Whether the evaluation failed. */
  public boolean isError() {
    return errorCode != null;
  }

  /** Whether the value is absent and the caller's code default applies. */
  public boolean usesCodeDefault() {
    return variant == null;
  }
}
