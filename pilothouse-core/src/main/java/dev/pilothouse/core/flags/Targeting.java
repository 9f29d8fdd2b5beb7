package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import java.time.Instant;
import java.util.Map;

/**
 * A flag's targeting rule: json-logic-java's parsed form and the {@link Expr} tree compiled from it
 * once, when the flag set loads. Evaluations run the compiled tree; {@link #interpret} runs the
 * library's evaluator on the parsed rule, the reference the compiled tree is tested against.
 */
record Targeting(JsonLogicNode rule, Expr compiled) {

  /** Compiles a parsed rule. */
  static Targeting of(JsonLogicNode rule) {
    return new Targeting(rule, ExprCompiler.compile(rule));
  }

  /**
   * Runs the rule. The context gains {@code $flagd.flagKey} and {@code $flagd.timestamp} (Unix
   * seconds), which flagd adds so rules can bucket by flag or schedule by time.
   *
   * @throws JsonLogicEvaluationException when the rule fails at run time
   */
  Object evaluate(String flagKey, Map<String, Object> context, Instant now)
      throws JsonLogicEvaluationException {
    return compiled.eval(new FlagdContext(context, flagKey, now));
  }

  /** Runs the rule through json-logic-java's evaluator (the pre-compilation path). */
  Object interpret(String flagKey, Map<String, Object> context, Instant now)
      throws JsonLogicEvaluationException {
    return Operators.EVALUATOR.evaluate(rule, new FlagdContext(context, flagKey, now), "$");
  }

  /**
   * The variant name a rule result denotes: flagd accepts booleans and numbers by their JSON text
   * (so {@code sem_ver} can pick variants named "true" and "false"); null means "no match".
   */
  static String variantName(Object result) {
    return switch (result) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b.toString();
      case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
      case Number n -> n.toString();
      default -> "";
    };
  }
}
