package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloParsersTest {

  static String resource(String name) throws IOException {
    try (InputStream in = SloParsersTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void slothSpecsAcceptSnakeAndCamelCaseKeys() throws IOException {
    List<Slo> slos = SloDocuments.read(resource("sloth-myservice.yaml"), "sloth");

    assertThat(slos).hasSize(2);
    assertThat(slos.get(0).id()).isEqualTo("myservice-requests-availability");
    assertThat(slos.get(0).objective()).isEqualByComparingTo("99.9");
    assertThat(slos.get(0).period()).isEqualTo(Duration.ofDays(30));
    assertThat(slos.get(0).sli()).isInstanceOf(Sli.Events.class);
    assertThat(slos.get(0).labels()).containsEntry("owner", "myteam");
    assertThat(slos.get(1).sli()).isInstanceOf(Sli.Raw.class);
    assertThat(slos.get(1).alerting().ticket().disabled()).isTrue();
    assertThat(slos.get(1).period()).isEqualTo(Duration.ofDays(28));
  }

  @Test
  void validationErrorsNameEveryBadField() {
    String spec =
        """
        version: prometheus/v1
        service: svc
        slos:
          - name: a
            objective: 100
            sli:
              events:
                error_query: sum(rate(x[5m]))
          - name: b
            objective: 99
            period: 1d
            sli: {}
        """;

    assertThatThrownBy(() -> SloDocuments.read(spec, "t"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("slos[0].objective: must be between 0 and 100")
        .hasMessageContaining("slos[0].sli.events.errorQuery: must use the {{.window}} placeholder")
        .hasMessageContaining("slos[0].sli.events.totalQuery: is required")
        .hasMessageContaining("slos[1].period: must be a duration of at least 3d")
        .hasMessageContaining("slos[1].sli: must have exactly one of events or raw");
  }

  @Test
  void unknownFormatsAreRejectedByVersion() {
    assertThatThrownBy(() -> SloDocuments.read("version: sloth/v9\n", "t"))
        .hasMessageContaining("version: must be prometheus/v1");
  }

  @Test
  void openSloRatioMetricsWithGoodBecomeErrorEvents() throws IOException {
    Slo slo = SloDocuments.read(resource("openslo-checkout.yaml"), "openslo").get(0);

    assertThat(slo.id()).isEqualTo("checkout-availability");
    assertThat(slo.objective()).isEqualByComparingTo(new BigDecimal("99.5"));
    assertThat(slo.period()).isEqualTo(Duration.ofDays(7));
    assertThat(slo.labels()).containsEntry("team", "payments");
    assertThat(((Sli.Events) slo.sli()).errorQuery())
        .startsWith("(sum(rate(http_requests_total{job=\"checkout\"}[{{.window}}]))) - (");
    assertThat(slo.alerting().name()).isEqualTo("CheckoutAvailability");
  }

  @Test
  void aSevenDayOpenSloScalesTheFactorsAndPassesPromtool() throws IOException {
    List<Slo> slos = SloDocuments.read(resource("openslo-checkout.yaml"), "openslo");
    List<RuleGroup> groups = SloRules.generate(slos);
    Path file = Promtool.workDir("openslo").resolve("rules.yml");
    Files.writeString(file, RuleFiles.ruleFileYaml(groups));

    // 7d: 2% x 168h / 1h = 3.36, 5% x 168 / 6 = 1.4, 10% x 168 / 24 = 0.7, 10% x 168 / 72.
    assertThat(groups.get(2).rules().get(0).expr()).contains("(3.36 * 0.005)", "(1.4 * 0.005)");
    assertThat(groups.get(2).rules().get(1).expr()).contains("(0.7 * 0.005)");
    Promtool.checkRules(file);
  }

  @Test
  void openSloRejectsUnsupportedBudgetingAndMissingIndicators() {
    String doc =
        """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: x}
        spec:
          service: s
          indicatorRef: nope
          budgetingMethod: Timeslices
          timeWindow: [{duration: 30d, isRolling: false}]
          objectives: [{target: 1.5}]
        """;

    assertThatThrownBy(() -> SloDocuments.read(doc, "t"))
        .hasMessageContaining("[0].spec.budgetingMethod: only Occurrences is supported")
        .hasMessageContaining("[0].spec.indicatorRef: no SLI document named nope")
        .hasMessageContaining("[0].spec.timeWindow: must hold one rolling window")
        .hasMessageContaining("[0].spec.objectives[0].target: must be between 0 and 1");
  }

  @Test
  void factorsFollowThePeriod() {
    var page = BurnRateWindows.of(BurnRateWindows.Severity.PAGE);
    var ticket = BurnRateWindows.of(BurnRateWindows.Severity.TICKET);
    Duration d28 = Duration.ofDays(28);

    assertThat(page.get(0).factor(Duration.ofDays(30))).isEqualByComparingTo("14.4");
    assertThat(page.get(1).factor(Duration.ofDays(30))).isEqualByComparingTo("6");
    assertThat(ticket.get(0).factor(Duration.ofDays(30))).isEqualByComparingTo("3");
    assertThat(ticket.get(1).factor(Duration.ofDays(30))).isEqualByComparingTo("1");
    assertThat(page.get(0).factor(d28)).isEqualByComparingTo("13.44");
    assertThat(page.get(1).factor(d28)).isEqualByComparingTo("5.6");
    assertThat(ticket.get(0).factor(d28)).isEqualByComparingTo("2.8");
    assertThat(ticket.get(1).factor(d28).doubleValue())
        .isCloseTo(0.9333, org.assertj.core.data.Offset.offset(1e-4));
  }
}
