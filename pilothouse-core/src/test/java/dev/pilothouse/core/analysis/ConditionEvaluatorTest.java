package dev.pilothouse.core.analysis;

import static dev.pilothouse.core.analysis.AnalysisPhase.Error;
import static dev.pilothouse.core.analysis.AnalysisPhase.Failed;
import static dev.pilothouse.core.analysis.AnalysisPhase.Inconclusive;
import static dev.pilothouse.core.analysis.AnalysisPhase.Successful;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
  private final ConditionEvaluator evaluator = new ConditionEvaluator();

  private AnalysisPhase success(Object result, String condition) {
    return evaluator.evaluate(result, condition, "").phase();
  }

  @Test
  void aScalarAboveTheThresholdSucceedsAndBelowItFails() {
    assertThat(success(0.995, "result >= 0.99")).isEqualTo(Successful);
    assertThat(success(0.98, "result >= 0.99")).isEqualTo(Failed);
  }

  @Test
  void aVectorIsIndexedLikeArgoWritesIt() {
    assertThat(success(List.of(0.97), "result[0] >= 0.95")).isEqualTo(Successful);
    assertThat(success(List.of(0.90), "result[0] >= 0.95")).isEqualTo(Failed);
  }

  @Test
  void indexingAnEmptyVectorIsAnErrorNotASuccess() {
    Verdict v = evaluator.evaluate(List.of(), "result[0] >= 0.95", "");
    assertThat(v.phase()).isEqualTo(Error);
    assertThat(v.message()).contains("empty result");
  }

  @Test
  void theDocumentedEmptyGuardTreatsAnEmptyVectorAsSuccess() {
    assertThat(success(List.of(), "len(result) == 0 || result[0] >= 0.95")).isEqualTo(Successful);
    assertThat(success(List.of(0.5), "len(result) == 0 || result[0] >= 0.95")).isEqualTo(Failed);
  }

  @Test
  void exprLangKeywordsAreTranslated() {
    assertThat(success(List.of(), "len(result) == 0 or result[0] >= 0.95")).isEqualTo(Successful);
    assertThat(success(0.5, "result > 0.1 and not (result > 0.9)")).isEqualTo(Successful);
    assertThat(success("and", "result == \"and\"")).isEqualTo(Successful);
  }

  @Test
  void booleansAndStringsCompare() {
    assertThat(success(true, "result == true")).isEqualTo(Successful);
    assertThat(success(false, "result == true")).isEqualTo(Failed);
    assertThat(success("ok", "result == 'ok'")).isEqualTo(Successful);
  }

  @Test
  void integerLiteralsCompareWithFloatResults() {
    assertThat(success(3.0, "result == 3")).isEqualTo(Successful);
    assertThat(success(5, "result > 4")).isEqualTo(Successful);
    assertThat(success(4.5, "asInt(result) == 4")).isEqualTo(Successful);
    assertThat(success("2.5", "asFloat(result) > 2.0")).isEqualTo(Successful);
  }

  @Test
  void nanInfAndNilHelpersWork() {
    assertThat(success(Double.NaN, "isNaN(result)")).isEqualTo(Successful);
    assertThat(success(Double.POSITIVE_INFINITY, "isInf(result)")).isEqualTo(Successful);
    assertThat(success(null, "isNil(result)")).isEqualTo(Successful);
    assertThat(success(null, "default(result, 1.0) >= 1.0")).isEqualTo(Successful);
    assertThat(success(0.5, "default(result, 1.0) >= 1.0")).isEqualTo(Failed);
  }

  @Test
  void mapsAreReadByKey() {
    assertThat(success(Map.of("ok", true, "n", 3), "result.ok && result['n'] == 3"))
        .isEqualTo(Successful);
  }

  @Test
  void onlyAFailureConditionThatIsFalseMeansSuccess() {
    assertThat(evaluator.evaluate(0.1, "", "result > 0.5").phase()).isEqualTo(Successful);
    assertThat(evaluator.evaluate(0.9, "", "result > 0.5").phase()).isEqualTo(Failed);
  }

  @Test
  void bothConditionsFalseIsInconclusiveAndFailureWins() {
    assertThat(evaluator.evaluate(0.5, "result > 0.9", "result < 0.1").phase())
        .isEqualTo(Inconclusive);
    assertThat(evaluator.evaluate(0.5, "result > 0.1", "result < 0.9").phase()).isEqualTo(Failed);
    assertThat(evaluator.evaluate(0.95, "result > 0.9", "result < 0.1").phase())
        .isEqualTo(Successful);
  }

  @Test
  void noConditionsAtAllMeansSuccess() {
    assertThat(evaluator.evaluate(Arrays.asList(1.0, 2.0), "", "").phase()).isEqualTo(Successful);
  }

  @Test
  void aConditionThatDoesNotCompileIsAnErrorAndIsReportedByCheck() {
    assertThat(evaluator.evaluate(1.0, "result >=", "").phase()).isEqualTo(Error);
    assertThat(evaluator.check("result >=")).isPresent();
    assertThat(evaluator.check("result >= 0.99")).isEmpty();
  }

  @Test
  void aNonBooleanConditionIsAnError() {
    assertThat(evaluator.evaluate(1.0, "result + 1.0", "").phase()).isEqualTo(Error);
  }

  @Test
  void helperErrorsBecomeErrorVerdicts() {
    assertThat(success("abc", "asInt(result) == 1")).isEqualTo(Error);
  }

  @Test
  void aOneElementVectorStandsForItsValueSoTheSeedConditionWorks() {
    assertThat(success(List.of(0.995), "result >= 0.99")).isEqualTo(Successful);
    assertThat(success(List.of(0.5), "result >= 0.99")).isEqualTo(Failed);
    assertThat(success(List.of(), "result >= 0.99")).isEqualTo(Error);
    assertThat(success(List.of(0.5, 0.6), "result >= 0.99")).isEqualTo(Error);
  }
}
