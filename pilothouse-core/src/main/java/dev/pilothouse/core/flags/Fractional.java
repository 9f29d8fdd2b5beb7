package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flagd's {@code fractional} operator, v2 bucketing: MurmurHash3 x86_32 of the bucket key as an
 * unsigned int, scaled by the total weight ({@code (hash * W) >> 32}); the first bucket whose
 * cumulative weight exceeds that value wins. Bad input yields null so the default variant applies.
 */
final class Fractional implements PreEvaluatedArgumentsExpression {
  private record Bucket(Object variant, long weight) {}

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
    String bucketBy;
    List<?> bucketArgs;
    if (args.getFirst() instanceof String s) {
      bucketBy = s;
      bucketArgs = args.subList(1, args.size());
    } else {
      // flagd drops a null first argument (a missing custom property) and falls back to the key.
      bucketArgs = args.getFirst() == null ? args.subList(1, args.size()) : args;
      bucketBy = defaultBucketKey(data);
    }
    List<Bucket> buckets = buckets(bucketArgs);
    return bucketBy == null || buckets == null ? null : choose(bucketBy, buckets);
  }

  private static String defaultBucketKey(Object data) {
    if (!(data instanceof Map<?, ?> ctx)
        || !(ctx.get("targetingKey") instanceof String targetingKey)
        || !(ctx.get("$flagd") instanceof Map<?, ?> flagd)
        || !(flagd.get("flagKey") instanceof String flagKey)) {
      return null; // flagd: no targeting key means no bucket, so the default is served
    }
    return flagKey + targetingKey;
  }

  private static List<Bucket> buckets(List<?> args) {
    List<Bucket> buckets = new ArrayList<>(args.size());
    for (Object arg : args) {
      if (!(arg instanceof List<?> pair) || pair.isEmpty() || pair.size() > 2) {
        return null;
      }
      Object weight = pair.size() == 2 ? pair.get(1) : 1;
      if (!(weight instanceof Number n)) {
        return null;
      }
      buckets.add(new Bucket(pair.getFirst(), Math.max(0, n.longValue())));
    }
    return buckets.isEmpty() ? null : buckets;
  }

  private static Object choose(String bucketBy, List<Bucket> buckets) {
    long total = buckets.stream().mapToLong(Bucket::weight).sum();
    if (total <= 0 || total > Integer.MAX_VALUE) {
      return null;
    }
    long hash = Integer.toUnsignedLong(Murmur3.hash32(bucketBy.getBytes(StandardCharsets.UTF_8)));
    long bucket = (hash * total) >>> 32;
    long cumulative = 0;
    for (Bucket b : buckets) {
      cumulative += b.weight();
      if (bucket < cumulative) {
        return b.variant();
      }
    }
    return null;
  }
}
