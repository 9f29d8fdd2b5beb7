package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import java.util.List;
import java.util.Map;

/**
 * flagd's {@code fractional} operator, v2 bucketing: MurmurHash3 x86_32 of the bucket key as an
 * unsigned int, scaled by the total weight ({@code (hash * W) >> 32}); the first bucket whose
 * cumulative weight exceeds that value wins. Bad input yields null so the default variant applies.
 */
final class Fractional implements PreEvaluatedArgumentsExpression {
  /**
   * The buckets of one {@code fractional} call: variants with cumulative integer weights.
   *
   * @param total the sum of the weights; a table whose total is not in 1..2^31-1 chooses nothing
   */
  record Table(Object[] variants, long[] cumulative, long total) {
    /** The table for bucket arguments ({@code [variant, weight?]} each), or null if malformed. */
    static Table of(List<?> args) {
      Object[] variants = new Object[args.size()];
      long[] cumulative = new long[args.size()];
      long total = 0;
      for (int i = 0; i < args.size(); i++) {
        if (!(args.get(i) instanceof List<?> pair) || pair.isEmpty() || pair.size() > 2) {
          return null;
        }
        Object weight = pair.size() == 2 ? pair.get(1) : 1;
        if (!(weight instanceof Number n)) {
          return null;
        }
        variants[i] = pair.getFirst();
        total += Math.max(0, n.longValue());
        cumulative[i] = total;
      }
      return args.isEmpty() ? null : new Table(variants, cumulative, total);
    }

    /** The variant for bucket key {@code prefix + suffix}, or null. */
    Object choose(String prefix, String suffix) {
      if (total <= 0 || total > Integer.MAX_VALUE) {
        return null;
      }
      long hash = Integer.toUnsignedLong(Murmur3.hash32(prefix, suffix));
      long bucket = (hash * total) >>> 32;
      for (int i = 0; i < variants.length; i++) {
        if (bucket < cumulative[i]) {
          return variants[i];
        }
      }
      return null;
    }
  }

  @Override
  public String key() {
    return "fractional";
  }

  /**
   * Evaluates the arguments without json-logic-java's unwrapping of a single array argument, which
   * would turn {@code [["only", 1]]} into {@code ["only", 1]}.
   */
  @Override
  public Object evaluate(
      JsonLogicEvaluator evaluator, JsonLogicArray arguments, Object data, String jsonPath)
      throws JsonLogicEvaluationException {
    return evaluate(evaluator.evaluate(arguments, data, jsonPath), data, jsonPath);
  }

  @Override
  public Object evaluate(List arguments, Object data, String jsonPath) {
    List<?> args = arguments;
    if (args.isEmpty()) {
      return null;
    }
    if (args.getFirst() instanceof String s) {
      Table table = Table.of(args.subList(1, args.size()));
      return table == null ? null : table.choose(s, "");
    }
    // flagd drops a null first argument (a missing custom property) and falls back to the key.
    Table table = Table.of(args.getFirst() == null ? args.subList(1, args.size()) : args);
    return table == null ? null : chooseByTargetingKey(table, data);
  }

  /**
   * Buckets by {@code flagKey + targetingKey} (no separator), as flagd does when no bucket key is
   * given; without a targeting key there is no bucket, so the default is served.
   */
  static Object chooseByTargetingKey(Table table, Object data) {
    if (data instanceof FlagdContext ctx) {
      return ctx.get("targetingKey") instanceof String targetingKey
          ? table.choose(ctx.flagKey(), targetingKey)
          : null;
    }
    if (!(data instanceof Map<?, ?> ctx)
        || !(ctx.get("targetingKey") instanceof String targetingKey)
        || !(ctx.get("$flagd") instanceof Map<?, ?> flagd)
        || !(flagd.get("flagKey") instanceof String flagKey)) {
      return null;
    }
    return table.choose(flagKey, targetingKey);
  }
}
