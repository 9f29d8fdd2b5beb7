package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.utils.ArrayLike;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiled comparisons with json-logic-java's coercions: loose {@code ==} follows JavaScript's
 * matrix for null, numbers, strings and booleans (other values are equal when both are falsy),
 * {@code <}-style operators parse strings as numbers and are false for anything else, {@code in}
 * tests a substring or list membership.
 */
final class Comparisons {
  private Comparisons() {}

  /** {@code ==} (or {@code !=}) with exactly two arguments. */
  record Equals(Expr left, Expr right, boolean negate) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object a = left.eval(data);
      return negate != looseEquals(a, right.eval(data));
    }
  }

  /** {@code ===} (or {@code !==}) with exactly two arguments: numbers by value, else equals. */
  record StrictEquals(Expr left, Expr right, boolean negate) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object a = left.eval(data);
      Object b = right.eval(data);
      boolean equal =
          a instanceof Number x && b instanceof Number y
              ? x.doubleValue() == y.doubleValue()
              : a == b || (a != null && a.equals(b));
      return negate != equal;
    }
  }

  /** The numeric comparison operators. */
  enum Op {
    LT,
    LTE,
    GT,
    GTE;

    static Op of(String key) {
      return switch (key) {
        case "<" -> LT;
        case "<=" -> LTE;
        case ">" -> GT;
        case ">=" -> GTE;
        default -> null;
      };
    }

    boolean test(double a, double b) {
      return switch (this) {
        case LT -> a < b;
        case LTE -> a <= b;
        case GT -> a > b;
        case GTE -> a >= b;
      };
    }
  }

  /**
   * {@code <}, {@code <=}, {@code >}, {@code >=} with two arguments, or three (between: {@code a <
   * b < c}); {@code c} is null with two.
   */
  record Compare(Op op, Expr a, Expr b, Expr c) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object x = a.eval(data);
      Object y = b.eval(data);
      Object z = c == null ? null : c.eval(data);
      if (!isNumber(x) || !isNumber(y) || (c != null && !isNumber(z))) {
        return false;
      }
      boolean result = op.test(number(x), number(y));
      return c == null ? result : result && op.test(number(y), number(z));
    }

    /** A value {@link #isNumber} accepts, as a double. */
    private static double number(Object value) {
      return value instanceof Number n ? n.doubleValue() : Double.parseDouble((String) value);
    }

    private static boolean isNumber(Object value) {
      if (value instanceof Number) {
        return true;
      }
      if (value instanceof String s) {
        try {
          Double.parseDouble(s);
          return true;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return false;
    }
  }

  /** {@code in} with two computed arguments: substring of a string, or member of a list. */
  record In(Expr needle, Expr haystack) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object n = needle.eval(data);
      Object h = haystack.eval(data);
      if (h instanceof String s) {
        return n != null && s.contains(n.toString());
      }
      if (h instanceof List<?> list) {
        for (Object e : list) {
          if (n == null ? e == null : n.equals(JsonLogicEvaluator.transform(e))) {
            return true;
          }
        }
        return false;
      }
      return ArrayLike.isEligible(h) && new ArrayLike(h).contains(n);
    }
  }

  /**
   * {@code in} against a literal list, e.g. {@code {"in": [{"var": "country"}, ["de", "fr"]]}}:
   * membership by {@code needle.equals(element)} as the library tests it, a hash set for long
   * lists.
   */
  record InConstant(Expr needle, Object[] elements, Set<Object> set) implements Expr {
    private static final int SCAN_LIMIT = 8;

    static InConstant of(Expr needle, List<?> elements) {
      Set<Object> set = elements.size() > SCAN_LIMIT ? new HashSet<>(elements) : null;
      return new InConstant(needle, elements.toArray(), set);
    }

    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object n = needle.eval(data);
      if (set != null) {
        return set.contains(n);
      }
      for (Object e : elements) {
        if (n == null ? e == null : n.equals(e)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * json-logic-java's loose equality ({@code EqualityExpression}); numbers compare as {@code
   * Double.equals} does (NaN equals NaN, 0.0 does not equal -0.0).
   */
  static boolean looseEquals(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof String a && right instanceof String b) {
      return a.equals(b);
    }
    if (left instanceof Number a) {
      return switch (right) {
        case Number b -> Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        case String b -> numberEqualsString(a, b);
        case Boolean b -> a.doubleValue() == (b ? 1.0 : 0.0);
        default -> falsy(left, right);
      };
    }
    if (left instanceof String a) {
      return switch (right) {
        case Number b -> numberEqualsString(b, a);
        case Boolean b -> Expr.truthy(a) == b;
        default -> falsy(left, right);
      };
    }
    if (left instanceof Boolean a) {
      return switch (right) {
        case Boolean b -> a.booleanValue() == b.booleanValue();
        case Number b -> b.doubleValue() == (a ? 1.0 : 0.0);
        case String b -> Expr.truthy(b) == a;
        default -> falsy(left, right);
      };
    }
    return falsy(left, right);
  }

  private static boolean numberEqualsString(Number number, String text) {
    String s = text.trim().isEmpty() ? "0" : text;
    try {
      return Double.parseDouble(s) == number.doubleValue();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean falsy(Object left, Object right) {
    return !Expr.truthy(left) && !Expr.truthy(right);
  }
}
