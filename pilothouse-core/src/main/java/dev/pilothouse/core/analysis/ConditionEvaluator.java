package dev.pilothouse.core.analysis;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a metric's successCondition and failureCondition against a measured value with Argo's
 * rules ({@code utils/evaluate/evaluate.go}): only success set and false → Failed; only failure set
 * and false → Successful; both false → Inconclusive; failure wins over success; neither set →
 * Successful; any evaluation error → Error. Conditions are CEL (after translating expr-lang's
 * {@code and/or/not/nil}), compiled once and cached. A one-element list that a condition cannot use
 * as a list is retried as its single element (a Pilothouse extension, see docs/analysis.md).
 * Thread-safe.
 */
public final class ConditionEvaluator {
  private static final int MAX_CACHED = 10_000;

  private final Cel cel =
      CelFactory.standardCelBuilder()
          .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
          .addVar("result", SimpleType.DYN)
          .addFunctionDeclarations(CelFunctions.declarations())
          .addFunctionBindings(CelFunctions.bindings())
          .setResultType(SimpleType.BOOL)
          .build();
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  /** A condition compiled to a program, or the reason it does not compile. */
  private sealed interface Compiled {
    record Ok(CelRuntime.Program program) implements Compiled {}

    record Invalid(String message) implements Compiled {}
  }

  /** Why the condition does not compile, or empty when it does. */
  public Optional<String> check(String condition) {
    return compile(condition) instanceof Compiled.Invalid(String message)
        ? Optional.of(message)
        : Optional.empty();
  }

  /** The verdict on {@code result} (a number, list, map, string, boolean or null). */
  public Verdict evaluate(Object result, String successCondition, String failureCondition) {
    boolean hasSuccess = !successCondition.isBlank();
    boolean hasFailure = !failureCondition.isBlank();
    try {
      boolean success = hasSuccess && test(successCondition, result);
      boolean failure = hasFailure && test(failureCondition, result);
      if (hasSuccess && !hasFailure) {
        failure = !success;
      } else if (hasFailure && !hasSuccess) {
        success = !failure;
      } else if (!hasSuccess) {
        return new Verdict(AnalysisPhase.Successful, "");
      }
      if (failure) {
        return new Verdict(AnalysisPhase.Failed, "");
      }
      return success
          ? new Verdict(AnalysisPhase.Successful, "")
          : new Verdict(AnalysisPhase.Inconclusive, "");
    } catch (ConditionException e) {
      return new Verdict(AnalysisPhase.Error, e.getMessage());
    }
  }

  private boolean test(String condition, Object result) {
    Compiled compiled = compile(condition);
    return switch (compiled) {
      case Compiled.Invalid(String message) -> throw new ConditionException(message);
      case Compiled.Ok(CelRuntime.Program program) -> {
        try {
          yield run(program, condition, result);
        } catch (ConditionException e) {
          // A one-element vector (e.g. from sum(...)) also stands for its value, so the seed
          // template's `result >= 0.99` works; Argo itself needs `result[0] >= 0.99` there.
          if (result instanceof List<?> list && list.size() == 1) {
            yield run(program, condition, list.getFirst());
          }
          throw e;
        }
      }
    };
  }

  private static boolean run(CelRuntime.Program program, String condition, Object result) {
    try {
      Object out = program.eval(Map.of("result", CelValues.of(result)));
      if (out instanceof Boolean b) {
        return b;
      }
      throw new ConditionException("condition '" + condition + "' did not return a boolean");
    } catch (CelEvaluationException | RuntimeException e) {
      if (e instanceof ConditionException c) {
        throw c;
      }
      throw new ConditionException(
          "evaluating '" + condition.strip() + "' on " + describe(result) + ": " + reason(e));
    }
  }

  private Compiled compile(String condition) {
    Compiled cached = cache.get(condition);
    if (cached != null) {
      return cached;
    }
    Compiled compiled = doCompile(condition);
    if (cache.size() < MAX_CACHED) {
      cache.put(condition, compiled);
    }
    return compiled;
  }

  private Compiled doCompile(String condition) {
    CelValidationResult checked = cel.compile(ExprSyntax.toCel(condition));
    if (checked.hasError()) {
      return new Compiled.Invalid("'" + condition.strip() + "' " + checked.getErrorString());
    }
    try {
      return new Compiled.Ok(cel.createProgram(checked.getAst()));
    } catch (CelValidationException | CelEvaluationException e) {
      return new Compiled.Invalid("'" + condition.strip() + "': " + e.getMessage());
    }
  }

  private static String describe(Object result) {
    if (result == null || result instanceof NullValue) {
      return "a nil result";
    }
    if (result instanceof List<?> list && list.isEmpty()) {
      return "an empty result";
    }
    return "result " + result;
  }

  private static String reason(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** A condition could not be evaluated; becomes an Error verdict. */
  private static final class ConditionException extends RuntimeException {
    ConditionException(String message) {
      super(message, null, false, false);
    }
  }
}
