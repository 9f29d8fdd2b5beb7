package dev.pilothouse.core.slo;

import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the generated alerts through {@code promtool test rules} with synthetic traffic. */
class SloBurnRatePromtoolTest {
  private static final String ERRORS = "req_total{code=\"500\"}";
  private static final String OK = "req_total{code=\"200\"}";

  static Slo slo(String pageAlertExtra) {
    String spec =
        """
        version: prometheus/v1
        service: svc
        slos:
          - name: avail
            objective: 99.9
            sli:
              events:
                errorQuery: sum(rate(req_total{code="500"}[{{.window}}]))
                totalQuery: sum(rate(req_total[{{.window}}]))
            alerting:
              name: SvcErrors
              pageAlert: {%s}
        """
            .formatted(pageAlertExtra);
    return SlothParser.parse(Yaml.readAll(spec, "svc").get(0)).get(0);
  }

  static void run(Slo slo, PromtoolTestFile tests) throws IOException {
    Path dir = Promtool.workDir("burn");
    Files.writeString(
        dir.resolve("rules.yml"), RuleFiles.ruleFileYaml(SloRules.generate(List.of(slo))));
    Path file = dir.resolve("test.yml");
    Files.writeString(file, tests.yaml());
    Promtool.testRules(file);
  }

  /** Counters growing by {@code errorsPerMinute} and {@code okPerMinute}. */
  static PromtoolTestFile steady(long errorsPerMinute, long okPerMinute) {
    return new PromtoolTestFile("rules.yml")
        .series(ERRORS, 240, m -> m * errorsPerMinute)
        .series(OK, 240, m -> m * okPerMinute);
  }

  @Test
  void aFastBurnPagesAndTickets() throws IOException {
    Slo slo = slo("");
    // 10% errors: burn rate 100, above 14.4 on 5m and 1h.
    run(
        slo,
        steady(10, 90)
            .expect("2h", "SvcErrors", slo, List.of("page", "ticket"))
            // 10% errors against a 0.1% budget: 100 budgets spent, 1 - 100 left.
            .expectValue(
                "2h", "round(sum(slo:period_error_budget_remaining:ratio), 0.001)", "-99"));
  }

  @Test
  void aBurnBelowThePageFactorsOnlyTickets() throws IOException {
    Slo slo = slo("");
    // 0.5% errors: burn rate 5, below 14.4 and 6 (page) but above 3 (ticket, 2h and 1d).
    run(slo, steady(1, 199).expect("3h", "SvcErrors", slo, List.of("ticket")));
  }

  @Test
  void aBurnWithinBudgetRaisesNothing() throws IOException {
    Slo slo = slo("");
    // 0.05% errors: burn rate 0.5.
    run(slo, steady(1, 1999).expect("3h", "SvcErrors", slo, List.of()));
  }

  /** Three requests an hour (one every 20 minutes); the one at minute 140 fails. */
  static PromtoolTestFile lowTraffic(Slo slo, List<String> expected) {
    return new PromtoolTestFile("rules.yml")
        .series(ERRORS, 200, m -> m >= 140 ? 1 : 0)
        .series(OK, 200, m -> m / 20 - (m >= 140 ? 1 : 0))
        .expect("142m", "SvcErrors", slo, expected);
  }

  @Test
  void aSingleErrorAtThreeRequestsAnHourDoesNotPage() throws IOException {
    Slo slo = slo("");
    // It does ticket: at 99.9% one error in ~2160 monthly requests is half the budget.
    run(slo, lowTraffic(slo, List.of("ticket")));
  }

  @Test
  void atLowTrafficTheRemainingBudgetIsANumberNotNan() throws IOException {
    Slo slo = slo("");
    // Most 5m windows hold no request (0/0 = NaN); the period ratio skips them instead of
    // becoming NaN for the whole period, as a plain mean of the 5m ratios would.
    run(
        slo,
        lowTraffic(slo, List.of("ticket"))
            .expectValue("142m", "count(slo:period_error_budget_remaining:ratio >= -1e9)", "1"));
  }

  @Test
  void withoutTheLowTrafficGuardTheSameSingleErrorWouldPage() throws IOException {
    Slo slo = slo("minEvents: 0");
    run(slo, lowTraffic(slo, List.of("page", "ticket")));
  }
}
