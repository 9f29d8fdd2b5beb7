package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloRulesTest {

  static List<Slo> myservice() throws IOException {
    try (InputStream in = SloRulesTest.class.getResourceAsStream("sloth-myservice.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SlothParser.parse(Yaml.readAll(text, "sloth-myservice.yaml").get(0));
    }
  }

  static List<String> names(List<RuleGroup> groups) {
    return groups.stream()
        .flatMap(g -> g.rules().stream())
        .map(r ->
            r instanceof PromRule.Recording rec ? rec.record() : ((PromRule.Alerting) r).alert())
        .toList();
  }

  @Test
  void recordsEveryWindowAndThePeriodWithSlothNames() throws IOException {
    List<RuleGroup> groups = SloRules.generate(myservice().subList(0, 1));

    assertThat(groups.get(0).name())
        .isEqualTo("sloth-slo-sli-recordings-myservice-requests-availability");
    assertThat(names(List.of(groups.get(0))))
        .startsWith(
            "slo:sli_error:ratio_rate5m",
            "slo:sli_error:ratio_rate30m",
            "slo:sli_error:ratio_rate1h",
            "slo:sli_error:ratio_rate2h",
            "slo:sli_error:ratio_rate6h",
            "slo:sli_error:ratio_rate1d",
            "slo:sli_error:ratio_rate3d",
            "slo:sli_error:ratio_rate30d");
    assertThat(names(List.of(groups.get(1))))
        .containsExactly(
            "slo:objective:ratio",
            "slo:error_budget:ratio",
            "slo:time_period:days",
            "slo:current_burn_rate:ratio",
            "slo:period_burn_rate:ratio",
            "slo:period_error_budget_remaining:ratio",
            "sloth_slo_info");
  }

  @Test
  void substitutesTheWindowIntoTheQueries() throws IOException {
    PromRule first = SloRules.generate(myservice()).get(0).rules().get(0);

    assertThat(first.expr())
        .isEqualTo(
            "(sum(rate(http_requests_total{job=\"myservice\",code=~\"(5..|429)\"}[5m]))) /"
                + " (sum(rate(http_requests_total{job=\"myservice\"}[5m])))");
  }

  @Test
  void pageAlertUsesTheWorkbookFactorsAndTheLowTrafficGuard() throws IOException {
    RuleGroup alerts = SloRules.generate(myservice()).get(2);
    PromRule.Alerting page = (PromRule.Alerting) alerts.rules().get(0);

    assertThat(page.expr()).contains("> (14.4 * 0.001)", "> (6 * 0.001)", "slo:sli_total:events1h");
    assertThat(page.expr()).contains(">= 70)", ">= 167)");
    assertThat(page.labels())
        .containsEntry("sloth_severity", "page")
        .containsEntry("routing_key", "myteam")
        .containsEntry("category", "availability");
    assertThat(page.annotations()).containsKeys("title", "summary", "runbook");
  }

  @Test
  void ticketAlertIsNotGuardedAndUsesTheSlowFactors() throws IOException {
    PromRule.Alerting ticket =
        (PromRule.Alerting) SloRules.generate(myservice()).get(2).rules().get(1);

    assertThat(ticket.expr()).contains("> (3 * 0.001)", "> (1 * 0.001)").doesNotContain("events");
    assertThat(ticket.labels()).containsEntry("sloth_severity", "ticket");
  }

  @Test
  void a28DayRawSloScalesItsFactorsAndHasNoTicketWhenDisabled() throws IOException {
    List<RuleGroup> groups = SloRules.generate(myservice().subList(1, 2));
    List<PromRule> alerts = groups.get(2).rules();

    assertThat(names(groups))
        .contains("slo:sli_error:ratio_rate28d")
        .doesNotContain("slo:sli_total:events1h");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).expr()).contains("(13.44 * 0.01)", "(5.6 * 0.01)");
  }

  @Test
  void everyGeneratedRuleFilePassesPromtoolCheckRules() throws IOException {
    Path dir = Promtool.workDir("check");
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, RuleFiles.ruleFileYaml(SloRules.generate(myservice())));

    Promtool.checkRules(file);
  }

  @Test
  void thePrometheusRuleResourceCarriesTheRuleFileAsItsSpec() throws IOException {
    List<RuleGroup> groups = SloRules.generate(myservice());
    JsonNode cr = RuleFiles.prometheusRule("myservice-slos", "team-a", java.util.Map.of(), groups);
    Path file = Promtool.workDir("cr").resolve("spec.yml");
    Files.writeString(file, Yaml.write(cr.get("spec")));

    assertThat(cr.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(cr.get("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(cr.get("spec")).isEqualTo(Json.MAPPER.valueToTree(RuleFiles.ruleFile(groups)));
    Promtool.checkRules(file);
  }
}
