package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import io.github.jamsesso.jsonlogic.utils.ArrayLike;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A targeting rule compiled once by {@link ExprCompiler}: an immutable tree evaluated against the
 * flagd context. Every node reproduces json-logic-java 1.1.0's result for the same input, coercions
 * and errors included ({@code ExprDifferentialTest} checks this against the interpreter); what the
 * compiler does not specialise runs through the library itself ({@link Generic}, {@link
 * Interpreted}). Node arrays are never exposed or changed after compilation.
 */
sealed interface Expr
    permits Expr.Const,
        Expr.Var,
        Expr.ArrayOf,
        Expr.Logic,
        Expr.If,
        Expr.Not,
        Expr.Generic,
        Expr.Interpreted,
        Comparisons.Equals,
        Comparisons.StrictEquals,
        Comparisons.Compare,
        Comparisons.In,
        Comparisons.InConstant,
        FlagdOps.Split,
        FlagdOps.SemVer,
        FlagdOps.Affix {

  /**
   * The value (JsonLogic's Java model: Double for numbers, String, Boolean, null, List, Map).
   *
   * @param data the flagd context the rule runs against
   * @throws JsonLogicEvaluationException where json-logic-java throws
   */
  Object eval(Object data) throws JsonLogicEvaluationException;

  /** JsonLogic truthiness (json-logic-java's), with the common Boolean case first. */
  static boolean truthy(Object value) {
    return value instanceof Boolean b ? b : io.github.jamsesso.jsonlogic.JsonLogic.truthy(value);
  }

  /** A literal, or an array of literals (unmodifiable; json-logic ops never change arguments). */
  record Const(Object value) implements Expr {
    @Override
    public Object eval(Object data) {
      return value;
    }
  }

  /**
   * {@code {"var": "a.b.c"}} with the path split once. Each step reads a map entry or a list index
   * and numbers come back as Double, as json-logic-java's {@code var} does; a missing step gives
   * the default.
   *
   * @param indices each segment as a list index, or {@link #NOT_AN_INDEX}
   */
  record Var(String[] segments, int[] indices, Object fallback) implements Expr {
    static final int NOT_AN_INDEX = Integer.MIN_VALUE;

    static Var of(String name, Object fallback) {
      String[] segments = name.split("\\.");
      int[] indices = new int[segments.length];
      for (int i = 0; i < segments.length; i++) {
        try {
          indices[i] = Integer.parseInt(segments[i]);
        } catch (NumberFormatException e) {
          indices[i] = NOT_AN_INDEX;
        }
      }
      return new Var(segments, indices, fallback);
    }

    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object result = data;
      for (int i = 0; i < segments.length; i++) {
        result = step(result, i);
        if (result == null) {
          return fallback;
        }
      }
      return result;
    }

    private Object step(Object value, int i) throws JsonLogicEvaluationException {
      if (ArrayLike.isEligible(value)) {
        return element(value, i);
      }
      if (value instanceof Map<?, ?> map) {
        return JsonLogicEvaluator.transform(map.get(segments[i]));
      }
      return null;
    }

    private Object element(Object list, int i) throws JsonLogicEvaluationException {
      int index = indices[i];
      if (index == NOT_AN_INDEX) {
        try {
          index = Integer.parseInt(segments[i]); // throws: the same error as the library
        } catch (NumberFormatException e) {
          throw new JsonLogicEvaluationException(e, "$");
        }
      }
      List<?> elements = list instanceof List<?> l ? l : new ArrayLike(list);
      return index < 0 || index >= elements.size()
          ? null
          : JsonLogicEvaluator.transform(elements.get(index));
    }
  }

  /** An array with computed elements: a new list per evaluation, as the library builds. */
  record ArrayOf(Expr[] elements) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      return evalAll(elements, data);
    }
  }

  /**
   * {@code and} ({@code isAnd}): the first falsy value, else the last; {@code or}: the first truthy
   * value, else the last. At least one argument.
   */
  record Logic(Expr[] args, boolean isAnd) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object result = null;
      for (Expr arg : args) {
        result = arg.eval(data);
        if (truthy(result) != isAnd) {
          return result;
        }
      }
      return result;
    }
  }

  /** {@code if} and {@code ?:}: condition/result pairs, then an optional else. */
  record If(Expr[] args) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      int n = args.length;
      if (n == 0) {
        return null;
      }
      if (n == 1) {
        return args[0].eval(data);
      }
      if (n == 2) {
        return truthy(args[0].eval(data)) ? args[1].eval(data) : null;
      }
      for (int i = 0; i < n - 1; i += 2) {
        if (truthy(args[i].eval(data))) {
          return args[i + 1].eval(data);
        }
      }
      return (n & 1) == 0 ? null : args[n - 1].eval(data);
    }
  }

  /**
   * {@code !} and {@code !!} with one argument. Like every pre-evaluated json-logic-java operator,
   * a single array argument stands for the argument list, so {@code !} of a list tests its first
   * element (an empty list: no argument, which is falsy).
   */
  record Not(Expr arg, boolean doubleBang) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object value = arg.eval(data);
      boolean result;
      if (ArrayLike.isEligible(value)) {
        ArrayLike list = new ArrayLike(value);
        result = !list.isEmpty() && truthy(list.get(0));
      } else {
        result = truthy(value);
      }
      return doubleBang == result;
    }
  }

  /**
   * A json-logic-java operator applied to compiled arguments, with the library's argument handling
   * (a single array argument is unwrapped into the argument list unless {@code unwrap} is false, as
   * {@code fractional} asks); {@code negate} gives {@code !=} and {@code !==}.
   */
  record Generic(PreEvaluatedArgumentsExpression op, Expr[] args, boolean unwrap, boolean negate)
      implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      List<Object> values = evalAll(args, data);
      if (unwrap && values.size() == 1 && ArrayLike.isEligible(values.getFirst())) {
        values = new ArrayLike(values.getFirst());
      }
      Object result = op.evaluate(values, data, "$");
      return negate ? !(boolean) result : result;
    }
  }

  /**
   * A subtree the compiler leaves to json-logic-java's evaluator: operators that rebind the data
   * ({@code map}, {@code filter}, {@code reduce}, {@code all}, {@code some}, {@code none}) and
   * uncommon forms of {@code var}.
   */
  record Interpreted(JsonLogicNode node) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      return Operators.EVALUATOR.evaluate(node, data, "$");
    }
  }

  private static List<Object> evalAll(Expr[] exprs, Object data)
      throws JsonLogicEvaluationException {
    List<Object> values = new ArrayList<>(exprs.length);
    for (Expr e : exprs) {
      values.add(e.eval(data));
    }
    return values;
  }
}
