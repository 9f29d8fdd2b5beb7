package dev.pilothouse.core.analysis;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a provider's result into CEL runtime values: every number becomes a double (Prometheus
 * and JSON numbers are floats in Argo too), null becomes CEL's null, lists and maps recursively.
 */
final class CelValues {
  private CelValues() {}

  static Object of(Object value) {
    return switch (value) {
      case null -> NullValue.NULL_VALUE;
      case NullValue n -> n;
      case Number n -> n.doubleValue();
      case Boolean b -> b;
      case String s -> s;
      case List<?> list -> convertList(list);
      case Map<?, ?> map -> convertMap(map);
      default -> value.toString();
    };
  }

  private static List<Object> convertList(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    list.forEach(v -> out.add(of(v)));
    return out;
  }

  private static Map<String, Object> convertMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
    return out;
  }
}
