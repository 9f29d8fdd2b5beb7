package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloGenerateTest {
  @TempDir Path dir;

  private static final String SPEC =
      """
      version: prometheus/v1
      service: checkout
      slos:
        - name: availability
          objective: 99.5
          sli:
            events:
              error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
              total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
          alerting:
            name: CheckoutAvailability
      """;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("slo.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void generateWritesARuleFileWithRecordingsAndBothAlerts() throws Exception {
    CliRun.Result r = new CliRun(dir).run("slo", "generate", "-f", write(SPEC).toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode file = Yaml.readAll(r.out(), "out").get(0);
    assertThat(file.path("groups")).hasSize(3);
    assertThat(r.out())
        .contains("record: slo:sli_error:ratio_rate5m")
        .contains("alert: CheckoutAvailability")
        .contains("sloth_severity: page")
        .contains("sloth_severity: ticket");
  }

  @Test
  void generateWritesAPrometheusRuleWhenAsked() throws Exception {
    CliRun.Result r =
        new CliRun(dir)
            .run(
                "slo",
                "generate",
                "-f",
                write(SPEC).toString(),
                "-o",
                "prometheusrule",
                "-n",
                "shop");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode cr = Yaml.readAll(r.out(), "out").get(0);
    assertThat(cr.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(cr.path("metadata").path("name").asText()).isEqualTo("checkout-slos");
    assertThat(cr.path("metadata").path("namespace").asText()).isEqualTo("shop");
    assertThat(cr.path("spec").path("groups")).hasSize(3);
  }

  @Test
  void aBadSpecIsAUsageErrorOnOneLineNamingTheField() throws Exception {
    CliRun.Result r =
        new CliRun(dir).run("slo", "generate", "-f", write(SPEC.replace("99.5", "101")).toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("slos[0].objective").hasLineCount(1);
  }
}
