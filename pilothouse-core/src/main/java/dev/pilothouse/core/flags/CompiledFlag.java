package dev.pilothouse.core.flags;

import java.time.Instant;
import java.util.Map;

/**
 * One flag, ready to evaluate.
 *
 * @param variants variant name to value (plain Java JSON values)
 * @param defaultVariant null when the flag has none: the caller's code default applies
 * @param targeting null when the flag has no (or an empty) targeting rule
 * @param brokenRef set when the rule names a missing {@code $evaluators} entry: every evaluation
 *     fails with PARSE_ERROR, as flagd does, while the rest of the set keeps working
 * @param metadata the set's metadata overridden by the flag's
 */
record CompiledFlag(
    String key,
    boolean enabled,
    Map<String, Object> variants,
    String defaultVariant,
    Targeting targeting,
    String brokenRef,
    Map<String, Object> metadata) {

  Evaluation evaluate(Map<String, Object> context, Instant now) {
    if (!enabled) {
      return Evaluation.noValue(Reason.DISABLED, metadata);
    }
    if (brokenRef != null) {
      return Evaluation.error(ErrorCode.PARSE_ERROR, brokenRef, metadata);
    }
    if (targeting == null) {
      return fallback(Reason.STATIC);
    }
    Object result;
    try {
      result = targeting.evaluate(key, context, now);
    } catch (Exception e) {
      return Evaluation.error(
          ErrorCode.PARSE_ERROR,
          "error evaluating targeting rule for flag " + key + ": " + e.getMessage(),
          metadata);
    }
    return choose(Targeting.variantName(result));
  }

  private Evaluation choose(String variant) {
    if (variant == null) {
      return fallback(Reason.DEFAULT);
    }
    if (!variants.containsKey(variant)) {
      return Evaluation.error(
          ErrorCode.GENERAL,
          "targeting chose variant '" + variant + "', which flag " + key + " does not have",
          metadata);
    }
    return Evaluation.resolved(variants.get(variant), variant, Reason.TARGETING_MATCH, metadata);
  }

  private Evaluation fallback(Reason reason) {
    if (defaultVariant == null) {
      // flagd: no default variant means "use the code default"; it is not an error.
      return Evaluation.noValue(Reason.DEFAULT, metadata);
    }
    return Evaluation.resolved(variants.get(defaultVariant), defaultVariant, reason, metadata);
  }
}
