package dev.pilothouse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusCodecTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static RunStatus sample() {
    MeasurementRecord m =
        new MeasurementRecord(AnalysisPhase.Failed, "[0.5]", T, T.plusSeconds(1), "");
    MetricResult r =
        MetricResult.pending("success-rate", true)
            .record(m, 10)
            .withPhase(AnalysisPhase.Failed, "why");
    return new RunStatus(AnalysisPhase.Failed, "why", T, List.of(r));
  }

  @Test
  void aStatusSurvivesAWriteAndReadUnchanged() {
    RunStatus status = sample();
    assertThat(RunStatusCodec.read(RunStatusCodec.write(Json.object(), status))).isEqualTo(status);
  }

  @Test
  void theWrittenShapeIsArgos() {
    JsonNode json = RunStatusCodec.write(Json.object(), sample());
    assertThat(json.path("phase").asText()).isEqualTo("Failed");
    assertThat(json.path("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    JsonNode r = json.path("metricResults").get(0);
    assertThat(r.path("name").asText()).isEqualTo("success-rate");
    assertThat(r.path("failed").asInt()).isEqualTo(1);
    assertThat(r.path("count").asInt()).isEqualTo(1);
    assertThat(r.path("dryRun").asBoolean()).isTrue();
    assertThat(r.path("measurements").get(0).path("value").asText()).isEqualTo("[0.5]");
    assertThat(r.path("measurements").get(0).path("finishedAt").asText())
        .isEqualTo("2026-01-01T00:00:01Z");
    assertThat(json.path("runSummary").path("failed").asInt()).isEqualTo(1);
  }

  @Test
  void fieldsOtherToolsWroteAreKept() {
    ObjectNode previous = Json.object().put("observedBy", "someone");
    assertThat(RunStatusCodec.write(previous, sample()).path("observedBy").asText())
        .isEqualTo("someone");
  }

  @Test
  void aMissingStatusReadsAsPending() {
    assertThat(RunStatusCodec.read(Json.object().path("status"))).isEqualTo(RunStatus.empty());
  }
}
