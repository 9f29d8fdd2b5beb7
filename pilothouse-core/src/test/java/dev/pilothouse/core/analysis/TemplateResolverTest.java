package dev.pilothouse.core.analysis;

import static dev.pilothouse.core.analysis.AnalysisFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {
  private final TemplateResolver resolver = new TemplateResolver(AnalysisFixtures.PARSER);

  private static JsonNode seedSpec() {
    return AnalysisFixtures.seedTemplate().path("spec");
  }

  @Test
  void theSeedTemplateResolvesWithTheServiceNameSubstitutedEverywhere() {
    ObjectNode run =
        resolver.resolve(
            List.of(seedSpec()), List.of(new AnalysisArg("service-name", "my-app", null)));
    String query =
        run.path("metrics").get(0).path("provider").path("prometheus").path("query").asText();
    assertThat(query).contains("job=\"my-app\",status=~\"2..\"").doesNotContain("{{");
    assertThat(run.path("args").get(0).path("value").asText()).isEqualTo("my-app");
  }

  @Test
  void aMissingArgumentWithoutDefaultIsAValidationErrorNamingIt() {
    assertThatThrownBy(() -> resolver.resolve(List.of(seedSpec()), List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec.args.service-name");
  }

  @Test
  void templateDefaultsApplyAndCallerValuesWin() {
    JsonNode t =
        yaml(
            """
            args: [{name: threshold, value: "0.9"}, {name: svc, value: default-svc}]
            metrics:
              - name: m
                successCondition: "result >= {{ args.threshold }}"
                provider: {web: {url: "http://x/{{args.svc}}"}}
            """);
    ObjectNode run = resolver.resolve(List.of(t), List.of(new AnalysisArg("svc", "mine", null)));
    JsonNode metric = run.path("metrics").get(0);
    assertThat(metric.path("successCondition").asText()).isEqualTo("result >= 0.9");
    assertThat(metric.path("provider").path("web").path("url").asText()).isEqualTo("http://x/mine");
  }

  @Test
  void metricsOfSeveralTemplatesAreConcatenatedAndDuplicatesRejected() {
    JsonNode a = yaml("metrics: [{name: a, provider: {web: {url: u}}}]");
    JsonNode b = yaml("metrics: [{name: b, provider: {web: {url: u}}}]");
    ObjectNode run = resolver.resolve(List.of(a, b), List.of());
    assertThat(run.path("metrics")).hasSize(2);
    assertThatThrownBy(() -> resolver.resolve(List.of(a, a), List.of()))
        .hasMessageContaining("spec.metrics[1].name: duplicate metric name 'a'");
  }

  @Test
  void argumentsFromSecretsStayPlaceholdersForLaterResolution() {
    JsonNode t =
        yaml(
            """
            args: [{name: token, valueFrom: {secretKeyRef: {name: s, key: k}}}]
            metrics: [{name: m, provider: {web: {url: u, headers: [{key: t, value: "{{args.token}}"}]}}}]
            """);
    ObjectNode run = resolver.resolve(List.of(t), List.of());
    assertThat(run.path("metrics").get(0).toString()).contains("{{args.token}}");
    assertThat(run.path("args").get(0).has("valueFrom")).isTrue();
  }
}
