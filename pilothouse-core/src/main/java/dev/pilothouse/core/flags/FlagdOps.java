package dev.pilothouse.core.flags;

import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** flagd's custom operators, compiled: literal arguments are read once, when the flag loads. */
final class FlagdOps {
  private static final Fractional FRACTIONAL = new Fractional();

  private FlagdOps() {}

  /**
   * {@code fractional} whose buckets are literals, e.g. {@code [["red", 25], ["blue", 75]]}: the
   * bucket table is built once. {@code bucketBy} is the first argument unless that is itself a
   * bucket; a string buckets by it, null (or no such argument) by flag key and targeting key.
   *
   * @param table null when the buckets are malformed (the result is then always null)
   * @param args all arguments, for the rare first argument that is neither (a number, a list)
   */
  record Split(Expr bucketBy, Fractional.Table table, Expr[] args) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object key = bucketBy == null ? null : bucketBy.eval(data);
      if (key instanceof String s) {
        return table == null ? null : table.choose(s, "");
      }
      if (key == null) {
        return table == null ? null : Fractional.chooseByTargetingKey(table, data);
      }
      List<Object> values = new ArrayList<>(args.length);
      for (Expr arg : args) {
        values.add(arg.eval(data));
      }
      return FRACTIONAL.evaluate(values, data, "$");
    }
  }

  /**
   * {@code sem_ver} with three arguments; a literal target version is parsed once ({@code
   * parsedTarget} is null when the target is computed).
   */
  record SemVer(Expr version, Expr op, Expr target, Optional<SemanticVersion> parsedTarget)
      implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object v = version.eval(data);
      Object o = op.eval(data);
      Object t = target.eval(data);
      return SemVerOperator.apply(
          v, o, parsedTarget != null ? parsedTarget : SemanticVersion.parse(t));
    }
  }

  /** {@code starts_with} or {@code ends_with} with two arguments. */
  record Affix(StringOperator op, Expr value, Expr affix) implements Expr {
    @Override
    public Object eval(Object data) throws JsonLogicEvaluationException {
      Object v = value.eval(data);
      return op.apply(v, affix.eval(data));
    }
  }
}
