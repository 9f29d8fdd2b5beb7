package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.ast.JsonLogicOperation;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * json-logic-java's evaluator, minus the JSON path it formats for every array element and operation
 * ({@code String.format("%s[%d]")}, {@code "%s.%s"}): that path only locates a node in error
 * messages, and it cost most of an evaluation (flagd's Java provider pays it too). Operators,
 * variables and truthiness are json-logic-java's own, so results are unchanged; errors name the
 * flag instead of the node.
 */
final class PathlessEvaluator extends JsonLogicEvaluator {
  private final Map<String, JsonLogicExpression> expressions = new HashMap<>();

  PathlessEvaluator(Collection<JsonLogicExpression> expressions) {
    super(expressions);
    expressions.forEach(e -> this.expressions.put(e.key(), e));
  }

  @Override
  public List<Object> evaluate(JsonLogicArray array, Object data, String jsonPath)
      throws JsonLogicEvaluationException {
    List<Object> values = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      values.add(evaluate(array.get(i), data, jsonPath));
    }
    return values;
  }

  @Override
  public Object evaluate(JsonLogicOperation operation, Object data, String jsonPath)
      throws JsonLogicEvaluationException {
    JsonLogicExpression handler = expressions.get(operation.getOperator());
    if (handler == null) {
      throw new JsonLogicEvaluationException(
          "Undefined operation '" + operation.getOperator() + "'", jsonPath);
    }
    return handler.evaluate(this, operation.getArguments(), data, jsonPath);
  }
}
