package dev.pilothouse.core.analysis;

/**
 * Translates the expr-lang spellings Argo users write into CEL: the keywords {@code and}, {@code
 * or}, {@code not} and {@code nil} become {@code &&}, {@code ||}, {@code !} and {@code null}.
 * String literals are left alone, so {@code result == "and"} still compares with "and".
 */
final class ExprSyntax {
  private ExprSyntax() {}

  static String toCel(String expr) {
    StringBuilder out = new StringBuilder(expr.length());
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'') {
        int end = endOfString(expr, i);
        out.append(expr, i, end);
        i = end;
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = i;
        while (end < expr.length() && Character.isJavaIdentifierPart(expr.charAt(end))) {
          end++;
        }
        out.append(keyword(expr.substring(i, end), i > 0 && expr.charAt(i - 1) == '.'));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String keyword(String word, boolean afterDot) {
    if (afterDot) {
      return word; // a field or method name such as result.or is not a keyword
    }
    return switch (word) {
      case "and" -> "&&";
      case "or" -> "||";
      case "not" -> "!";
      case "nil" -> "null";
      default -> word;
    };
  }

  private static int endOfString(String expr, int start) {
    char quote = expr.charAt(start);
    int i = start + 1;
    while (i < expr.length() && expr.charAt(i) != quote) {
      i += expr.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, expr.length());
  }
}
