package dev.pilothouse.core.local;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR_NAME)} expansion in a container's {@code command}, {@code args} and env
 * {@code value}s, with its exact rules: {@code $(NAME)} becomes the variable's value when it is
 * defined and stays as written when it is not; {@code $$} becomes {@code $} (so {@code $$(NAME)}
 * gives a literal {@code $(NAME)}); a {@code $} before anything else, and an unclosed {@code $(},
 * stay as written. Pure.
 */
public final class VarExpansion {
  private VarExpansion() {}

  /** Expands {@code input}; {@code lookup} returns a variable's value, or null if undefined. */
  public static String expand(String input, Function<String, String> lookup) {
    if (input.indexOf('$') < 0) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 == input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      int close = next == '(' ? input.indexOf(')', i + 2) : -1;
      if (next == '$') {
        out.append('$'); // escaped operator
        i += 2;
      } else if (close >= 0) {
        String name = input.substring(i + 2, close);
        String value = lookup.apply(name);
        out.append(value != null ? value : "$(" + name + ")");
        i = close + 1;
      } else {
        // not a reference (or an unclosed one): keep the '$' and go on after it
        out.append('$');
        i++;
      }
    }
    return out.toString();
  }

  /** Expands {@code input} against one map of variables. */
  public static String expand(String input, Map<String, String> vars) {
    return expand(input, vars::get);
  }

  /** Expands every element (a container's {@code command} or {@code args}). */
  public static List<String> expandAll(List<String> inputs, Map<String, String> vars) {
    return inputs.stream().map(s -> expand(s, vars)).toList();
  }
}
