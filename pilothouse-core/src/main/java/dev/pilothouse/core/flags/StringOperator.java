package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * flagd's {@code starts_with} and {@code ends_with}: two strings in, a boolean out; anything else
 * (wrong argument count, a non-string) yields null, as flagd does.
 */
final class StringOperator implements PreEvaluatedArgumentsExpression {
  static final StringOperator STARTS_WITH = new StringOperator("starts_with", String::startsWith);
  static final StringOperator ENDS_WITH = new StringOperator("ends_with", String::endsWith);

  private final String key;
  private final BiPredicate<String, String> test;

  private StringOperator(String key, BiPredicate<String, String> test) {
    this.key = key;
    this.test = test;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Object evaluate(List arguments, Object data, String jsonPath) {
    return arguments.size() == 2 ? apply(arguments.get(0), arguments.get(1)) : null;
  }

  /** The test on two evaluated arguments: null unless both are strings. */
  Boolean apply(Object value, Object affix) {
    return value instanceof String v && affix instanceof String a ? test.test(v, a) : null;
  }
}
