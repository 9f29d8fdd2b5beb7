package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicOperation;
import io.github.jamsesso.jsonlogic.ast.JsonLogicPrimitive;
import io.github.jamsesso.jsonlogic.ast.JsonLogicString;
import io.github.jamsesso.jsonlogic.ast.JsonLogicVariable;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.EqualityExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.StrictEqualityExpression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Compiles json-logic-java's parsed rule ({@link JsonLogicNode}) into an {@link Expr} tree, once
 * per flag when the flag set loads. The library stays the parser and validator; the compiler
 * specialises the operators targeting rules use (var, literals, logic, comparisons, {@code in},
 * flagd's operators) for the argument counts whose meaning is fixed, and hands everything else to
 * the library: other pre-evaluated operators (arithmetic, {@code cat}, {@code substr}, {@code
 * merge}, {@code missing}, and any specialised one with an unusual argument count, where the
 * library's single-array unwrapping applies) run as {@link Expr.Generic} over compiled arguments;
 * operators that rebind the data ({@code map}, {@code filter}, {@code reduce}, {@code all}, {@code
 * some}, {@code none}) and uncommon {@code var} forms run as {@link Expr.Interpreted} subtrees.
 */
final class ExprCompiler {
  private ExprCompiler() {}

  /** The compiled form of a parsed rule. */
  static Expr compile(JsonLogicNode node) {
    return switch (node) {
      case JsonLogicPrimitive<?> p -> new Expr.Const(p.getValue());
      case JsonLogicArray array -> array(array);
      case JsonLogicVariable variable -> variable(variable);
      case JsonLogicOperation operation -> operation(operation);
      default -> new Expr.Interpreted(node);
    };
  }

  private static Expr array(JsonLogicArray array) {
    Expr[] elements = compileAll(array);
    if (!allConstant(elements)) {
      return new Expr.ArrayOf(elements);
    }
    List<Object> values = new ArrayList<>(elements.length);
    for (Expr e : elements) {
      values.add(((Expr.Const) e).value());
    }
    return new Expr.Const(Collections.unmodifiableList(values));
  }

  /**
   * {@code var} with a literal, non-empty path and a literal default (evaluated without data by the
   * library, so only a literal is the same every time); other forms are interpreted.
   */
  private static Expr variable(JsonLogicVariable variable) {
    Expr fallback = compile(variable.getDefaultValue());
    if (variable.getKey() instanceof JsonLogicString key
        && !key.getValue().isEmpty()
        && fallback instanceof Expr.Const c) {
      return Expr.Var.of(key.getValue(), c.value());
    }
    return new Expr.Interpreted(variable);
  }

  private static Expr operation(JsonLogicOperation operation) {
    String name = operation.getOperator();
    Expr[] args = compileAll(operation.getArguments());
    Expr specialised = specialised(name, args);
    if (specialised != null) {
      return specialised;
    }
    return switch (name) {
      case "!=" -> new Expr.Generic(EqualityExpression.INSTANCE, args, true, true);
      case "!==" -> new Expr.Generic(StrictEqualityExpression.INSTANCE, args, true, true);
      case "fractional" -> new Expr.Generic(new Fractional(), args, false, false);
      default -> generic(name, args) instanceof Expr e ? e : new Expr.Interpreted(operation);
    };
  }

  /** The specialised node for this operator and argument count, or null. */
  private static Expr specialised(String name, Expr[] args) {
    int n = args.length;
    return switch (name) {
      case "and", "or" -> n > 0 ? new Expr.Logic(args, name.equals("and")) : null;
      case "if", "?:" -> new Expr.If(args);
      case "!", "!!" -> n == 1 ? new Expr.Not(args[0], name.equals("!!")) : null;
      case "==", "!=" ->
          n == 2 ? new Comparisons.Equals(args[0], args[1], name.equals("!=")) : null;
      case "===", "!==" ->
          n == 2 ? new Comparisons.StrictEquals(args[0], args[1], name.equals("!==")) : null;
      case "<", "<=", ">", ">=" ->
          n == 2 || n == 3
              ? new Comparisons.Compare(
                  Comparisons.Op.of(name), args[0], args[1], n == 3 ? args[2] : null)
              : null;
      case "in" -> n == 2 ? in(args[0], args[1]) : null;
      case "fractional" -> split(args);
      case "sem_ver" -> n == 3 ? semVer(args) : null;
      case "starts_with" ->
          n == 2 ? new FlagdOps.Affix(StringOperator.STARTS_WITH, args[0], args[1]) : null;
      case "ends_with" ->
          n == 2 ? new FlagdOps.Affix(StringOperator.ENDS_WITH, args[0], args[1]) : null;
      default -> null;
    };
  }

  private static Expr in(Expr needle, Expr haystack) {
    if (haystack instanceof Expr.Const c && c.value() instanceof List<?> list) {
      return Comparisons.InConstant.of(needle, list);
    }
    return new Comparisons.In(needle, haystack);
  }

  /** {@code fractional} with literal buckets (the first argument may be computed), or null. */
  private static Expr split(Expr[] args) {
    if (args.length == 0) {
      return null;
    }
    boolean firstIsBucket = args[0] instanceof Expr.Const c && c.value() instanceof List;
    Expr[] buckets = firstIsBucket ? args : Arrays.copyOfRange(args, 1, args.length);
    if (!allConstant(buckets)) {
      return null;
    }
    List<Object> values = new ArrayList<>(buckets.length);
    for (Expr b : buckets) {
      values.add(((Expr.Const) b).value());
    }
    return new FlagdOps.Split(firstIsBucket ? null : args[0], Fractional.Table.of(values), args);
  }

  private static Expr semVer(Expr[] args) {
    var parsed = args[2] instanceof Expr.Const c ? SemanticVersion.parse(c.value()) : null;
    return new FlagdOps.SemVer(args[0], args[1], args[2], parsed);
  }

  /** A library operator that takes evaluated arguments, applied to compiled ones; else null. */
  private static Expr generic(String name, Expr[] args) {
    JsonLogicExpression expression = Operators.byName(name);
    return expression instanceof PreEvaluatedArgumentsExpression op
        ? new Expr.Generic(op, args, true, false)
        : null;
  }

  private static Expr[] compileAll(JsonLogicArray nodes) {
    Expr[] compiled = new Expr[nodes.size()];
    for (int i = 0; i < compiled.length; i++) {
      compiled[i] = compile(nodes.get(i));
    }
    return compiled;
  }

  private static boolean allConstant(Expr[] exprs) {
    return Arrays.stream(exprs).allMatch(e -> e instanceof Expr.Const);
  }
}
