package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.AllExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.ArrayHasExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.ConcatenateExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.EqualityExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.FilterExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.IfExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.InExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.InequalityExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.LogicExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MapExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MathExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MergeExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MissingExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.NotExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.NumericComparisonExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.ReduceExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.StrictEqualityExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.StrictInequalityExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.SubstringExpression;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JsonLogic operators targeting may use: json-logic-java's standard set (without {@code log},
 * which writes to stdout) plus flagd's {@code fractional}, {@code sem_ver}, {@code starts_with} and
 * {@code ends_with}. One shared evaluator: expressions are stateless.
 */
final class Operators {
  private static final List<JsonLogicExpression> ALL =
      List.of(
          MathExpression.ADD,
          MathExpression.SUBTRACT,
          MathExpression.MULTIPLY,
          MathExpression.DIVIDE,
          MathExpression.MODULO,
          MathExpression.MIN,
          MathExpression.MAX,
          NumericComparisonExpression.GT,
          NumericComparisonExpression.GTE,
          NumericComparisonExpression.LT,
          NumericComparisonExpression.LTE,
          IfExpression.IF,
          IfExpression.TERNARY,
          EqualityExpression.INSTANCE,
          InequalityExpression.INSTANCE,
          StrictEqualityExpression.INSTANCE,
          StrictInequalityExpression.INSTANCE,
          NotExpression.SINGLE,
          NotExpression.DOUBLE,
          LogicExpression.AND,
          LogicExpression.OR,
          MapExpression.INSTANCE,
          FilterExpression.INSTANCE,
          ReduceExpression.INSTANCE,
          AllExpression.INSTANCE,
          ArrayHasExpression.SOME,
          ArrayHasExpression.NONE,
          MergeExpression.INSTANCE,
          InExpression.INSTANCE,
          ConcatenateExpression.INSTANCE,
          SubstringExpression.INSTANCE,
          MissingExpression.ALL,
          MissingExpression.SOME,
          new Fractional(),
          new SemVerOperator(),
          StringOperator.STARTS_WITH,
          StringOperator.ENDS_WITH);

  /** The shared evaluator. */
  static final JsonLogicEvaluator EVALUATOR = new PathlessEvaluator(ALL);

  private static final Map<String, JsonLogicExpression> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(JsonLogicExpression::key, e -> e));

  /** Every operator name a targeting rule may use ({@code var} is parsed specially). */
  static final Set<String> NAMES =
      Stream.concat(ALL.stream().map(JsonLogicExpression::key), Stream.of("var"))
          .collect(Collectors.toUnmodifiableSet());

  private Operators() {}

  /** The operator with this name, or null. */
  static JsonLogicExpression byName(String name) {
    return BY_NAME.get(name);
  }
}
