package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, compiled flagd document: parse once, evaluate many times from any thread.
 *
 * <p>Evaluation follows flagd: a disabled flag resolves with reason DISABLED and no value; a flag
 * without targeting resolves STATIC to its default variant; a targeting result of null resolves
 * DEFAULT; a missing default variant leaves the value to the caller's code default.
 */
public final class FlagSet {
  private static final FlagSet EMPTY = new FlagSet(Map.of());

  private final Map<String, CompiledFlag> flags;

  FlagSet(Map<String, CompiledFlag> flags) {
    this.flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
  }

  /** A set without flags. */
  public static FlagSet empty() {
    return EMPTY;
  }

  /**
   * Compiles a flagd document ({@code flags}, {@code $evaluators}, {@code metadata}).
   *
   * @throws dev.pilothouse.core.error.ValidationException naming {@code flags.<key>.<field>}
   */
  public static FlagSet parse(JsonNode document) {
    return FlagSetParser.parse(document, "");
  }

  /** The flag keys, in document order. */
  public Set<String> keys() {
    return flags.keySet();
  }

  /** Flag key to problem, for flags whose rule names a missing {@code $evaluators} entry. */
  Map<String, String> brokenRefs() {
    Map<String, String> broken = new LinkedHashMap<>();
    flags.values().stream()
        .filter(f -> f.brokenRef() != null)
        .forEach(f -> broken.put(f.key(), f.brokenRef()));
    return broken;
  }

  /** This set with {@code later}'s flags added; a flag in both comes from {@code later}. */
  public FlagSet merge(FlagSet later) {
    Map<String, CompiledFlag> merged = new LinkedHashMap<>(flags);
    merged.putAll(later.flags);
    return new FlagSet(merged);
  }

  /** Evaluates a flag without a type check. */
  public Evaluation evaluate(String key, Map<String, Object> context, Instant now) {
    CompiledFlag flag = flags.get(key);
    if (flag == null) {
      return Evaluation.error(ErrorCode.FLAG_NOT_FOUND, "flag '" + key + "' not found", Map.of());
    }
    return flag.evaluate(context == null ? Map.of() : context, now);
  }

  /** Evaluates a flag, failing with TYPE_MISMATCH when its value is not of {@code type}. */
  public Evaluation evaluate(String key, FlagType type, Map<String, Object> context, Instant now) {
    Evaluation e = evaluate(key, context, now);
    if (e.value() == null || type.accepts(e.value())) {
      return e;
    }
    return Evaluation.error(
        ErrorCode.TYPE_MISMATCH,
        "flag '" + key + "' is not of type " + type.name().toLowerCase(java.util.Locale.ROOT),
        e.flagMetadata());
  }
}
