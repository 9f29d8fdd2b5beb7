package dev.pilothouse.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-side SVG charts of analysis measurements. */
class PortalMetricChartTest {
  private static final String RESULT =
      """
      {"name": "success-rate", "phase": "Running", "measurements": [
        {"value": "[0.99]", "phase": "Successful", "finishedAt": "2025-01-01T10:00:00Z"},
        {"value": "[0.42]", "phase": "Failed", "finishedAt": "2025-01-01T10:01:00Z"},
        {"value": "not a number", "phase": "Error"},
        {"value": "0.97", "phase": "Successful", "finishedAt": "2025-01-01T10:02:00Z"}]}
      """;

  @Test
  void measurementsBecomeALineWithFailuresMarked() {
    MetricChart chart = MetricChart.of(Json.parse(RESULT)).orElseThrow();

    assertThat(chart.line()).isEqualTo("5,5 120,55 235,6.75");
    assertThat(chart.points())
        .extracting(MetricChart.Point::failed)
        .containsExactly(false, true, false);
    assertThat(chart.low()).isEqualTo("0.42");
    assertThat(chart.high()).isEqualTo("0.99");

    String svg = new Views().render("tag/chart.jte", Map.of("chart", chart));
    assertThat(svg)
        .contains("<polyline points=\"5,5 120,55 235,6.75\"/>")
        .contains("class=\"failed\"><title>0.42 · Failed · 2025-01-01T10:01:00Z</title>")
        .contains("0.42 – 0.99");
  }

  @Test
  void nothingNumericMeansNoChart() {
    assertThat(MetricChart.of(Json.parse("{\"name\": \"m\", \"measurements\": []}"))).isEmpty();
  }

  @Test
  void aSingleOrFlatSeriesSitsInTheMiddle() {
    MetricChart chart =
        MetricChart.of(Json.parse("{\"name\": \"m\", \"measurements\": [{\"value\": \"3\"}]}"))
            .orElseThrow();
    assertThat(chart.line()).isEqualTo("5,30");
  }

  @Test
  void metricNamesAreEscaped() {
    MetricChart chart =
        MetricChart.of(
                Json.parse(
                    "{\"name\": \"<script>x</script>\", \"measurements\": [{\"value\": \"1\"}]}"))
            .orElseThrow();
    String svg = new Views().render("tag/chart.jte", Map.of("chart", chart));
    assertThat(svg).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
  }

  @Test
  void stepsAreDescribedAsArgoWritesThem() {
    assertThat(StepView.describe(Json.parse("{\"setWeight\": 20}"))).isEqualTo("setWeight 20%");
    assertThat(StepView.describe(Json.parse("{\"pause\": {\"duration\": \"5m\"}}")))
        .isEqualTo("pause 5m");
    assertThat(StepView.describe(Json.parse("{\"pause\": {\"duration\": 30}}")))
        .isEqualTo("pause 30s");
    assertThat(StepView.describe(Json.parse("{\"pause\": {}}"))).isEqualTo("pause until promoted");
    assertThat(StepView.describe(Json.parse("{\"setCanaryScale\": {\"replicas\": 2}}")))
        .isEqualTo("setCanaryScale 2 replicas");
    assertThat(StepView.describe(Json.parse("{\"experiment\": {}}")))
        .isEqualTo("experiment (not supported yet: skipped)");
  }
}
