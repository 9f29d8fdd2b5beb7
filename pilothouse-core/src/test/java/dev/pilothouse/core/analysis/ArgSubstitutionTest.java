package dev.pilothouse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.AnalysisRef;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgSubstitutionTest {
  @Test
  void aRunsOwnArgsAreSubstitutedIntoItsMetricsOnly() throws Exception {
    JsonNode spec =
        Json.MAPPER.readTree(
            """
            {"args":[{"name":"service","value":"checkout"},{"name":"hash","value":"abc"}],
             "metrics":[{"name":"errors","provider":{"prometheus":
               {"query":"rate(errors{service='{{args.service}}',rev='{{ args.hash }}'}[1m])"}}}],
             "note":"{{args.service}}"}
            """);

    JsonNode out = ArgSubstitution.runSpec(spec);

    assertThat(out.at("/metrics/0/provider/prometheus/query").asText())
        .isEqualTo("rate(errors{service='checkout',rev='abc'}[1m])");
    assertThat(out.path("note").asText()).isEqualTo("{{args.service}}");
    assertThat(spec.at("/metrics/0/provider/prometheus/query").asText())
        .as("the input is not changed")
        .contains("{{args.service}}");
  }

  @Test
  void anArgWithoutAValueIsRefusedByName() throws Exception {
    JsonNode spec =
        Json.MAPPER.readTree(
            """
            {"args":[{"name":"service"}],
             "metrics":[{"name":"m","provider":{"web":{"url":"http://x/{{args.service}}"}}}]}
            """);

    assertThatThrownBy(() -> ArgSubstitution.runSpec(spec))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("spec.args.service"));
  }

  @Test
  void podTemplateHashArgsResolveToTheStableAndTheAnalysedRevision() {
    Action.StartAnalysis start =
        new Action.StartAnalysis(
            "run-1",
            new AnalysisRef(
                List.of(new AnalysisRef.TemplateRef("success-rate", false)),
                List.of(
                    new AnalysisRef.Arg("stable-hash", null, "Stable"),
                    new AnalysisRef.Arg("canary-hash", null, "Latest"),
                    new AnalysisRef.Arg("service", "checkout", ""))),
            RolloutStatus.Purpose.STEP,
            "c4n4ry");

    assertThat(start.resolvedArgs("st4bl3"))
        .containsExactly(
            new AnalysisArg("stable-hash", "st4bl3", null),
            new AnalysisArg("canary-hash", "c4n4ry", null),
            new AnalysisArg("service", "checkout", null));
  }
}
