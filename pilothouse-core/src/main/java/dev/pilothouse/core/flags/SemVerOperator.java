package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.evaluator.expressions.PreEvaluatedArgumentsExpression;
import java.util.List;
import java.util.Optional;

/**
 * flagd's {@code sem_ver}: {@code [version, op, target]} with op one of {@code = != < <= > >= ^ ~};
 * {@code ^} matches the major version, {@code ~} major and minor. Bad input yields null.
 */
final class SemVerOperator implements PreEvaluatedArgumentsExpression {
  @Override
  public String key() {
    return "sem_ver";
  }

  @Override
  public Object evaluate(List arguments, Object data, String jsonPath) {
    if (arguments.size() != 3) {
      return null;
    }
    return apply(arguments.get(0), arguments.get(1), SemanticVersion.parse(arguments.get(2)));
  }

  /** The comparison of {@code version} with an already parsed target, or null for bad input. */
  static Boolean apply(Object version, Object op, Optional<SemanticVersion> target) {
    if (!(op instanceof String o)) {
      return null;
    }
    Optional<SemanticVersion> left = SemanticVersion.parse(version);
    if (left.isEmpty() || target.isEmpty()) {
      return null;
    }
    return compare(left.get(), o, target.get());
  }

  private static Boolean compare(SemanticVersion a, String op, SemanticVersion b) {
    int c = a.compareTo(b);
    return switch (op) {
      case "=" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "^" -> a.major() == b.major();
      case "~" -> a.major() == b.major() && a.minor() == b.minor();
      default -> null;
    };
  }
}
