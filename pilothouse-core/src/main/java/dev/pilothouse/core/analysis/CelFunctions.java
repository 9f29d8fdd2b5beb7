package dev.pilothouse.core.analysis;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelFunctionBinding;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The helper functions Argo's conditions may call ({@code asInt}, {@code asFloat}, {@code isNaN},
 * {@code isInf}, {@code isNil}, {@code default}, {@code len}), declared over {@code dyn} because a
 * provider's result may be a number, a list, a map, a string, a boolean or null.
 */
final class CelFunctions {
  private CelFunctions() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        unary("asInt", SimpleType.INT),
        unary("asFloat", SimpleType.DOUBLE),
        unary("isNaN", SimpleType.BOOL),
        unary("isInf", SimpleType.BOOL),
        unary("isNil", SimpleType.BOOL),
        unary("len", SimpleType.INT),
        CelFunctionDecl.newFunctionDeclaration(
            "default",
            CelOverloadDecl.newGlobalOverload(
                "default_dyn_dyn", SimpleType.DYN, SimpleType.DYN, SimpleType.DYN)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("asInt_dyn", Object.class, CelFunctions::asInt),
        CelFunctionBinding.from("asFloat_dyn", Object.class, CelFunctions::asFloat),
        CelFunctionBinding.from("isNaN_dyn", Object.class, v -> Double.isNaN(asFloat(v))),
        CelFunctionBinding.from("isInf_dyn", Object.class, v -> Double.isInfinite(asFloat(v))),
        CelFunctionBinding.from("isNil_dyn", Object.class, CelFunctions::isNil),
        CelFunctionBinding.from("len_dyn", Object.class, CelFunctions::len),
        CelFunctionBinding.from(
            "default_dyn_dyn", Object.class, Object.class, (v, d) -> isNil(v) ? d : v));
  }

  private static CelFunctionDecl unary(String name, CelType result) {
    return CelFunctionDecl.newFunctionDeclaration(
        name, CelOverloadDecl.newGlobalOverload(name + "_dyn", result, SimpleType.DYN));
  }

  static boolean isNil(Object value) {
    return value == null || value instanceof NullValue;
  }

  static long asInt(Object value) {
    return switch (value) {
      case Number n when n instanceof Double || n instanceof Float -> (long) n.doubleValue();
      case Number n -> n.longValue();
      case String s -> Long.parseLong(s.trim());
      default -> throw new IllegalArgumentException("asInt: cannot convert " + describe(value));
    };
  }

  static double asFloat(Object value) {
    return switch (value) {
      case Number n -> n.doubleValue();
      case String s -> Double.parseDouble(s.trim());
      default -> throw new IllegalArgumentException("asFloat: cannot convert " + describe(value));
    };
  }

  private static long len(Object value) {
    return switch (value) {
      case Collection<?> c -> c.size();
      case Map<?, ?> m -> m.size();
      case String s -> s.codePointCount(0, s.length());
      default -> throw new IllegalArgumentException("len: no length for " + describe(value));
    };
  }

  private static String describe(Object value) {
    return isNil(value) ? "nil" : value.getClass().getSimpleName() + " " + value;
  }
}
