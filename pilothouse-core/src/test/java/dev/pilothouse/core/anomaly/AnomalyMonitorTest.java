package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AnomalyMonitor specs, the per-series step and change correlation. */
class AnomalyMonitorTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  private static JsonNode resource(String spec) throws Exception {
    return Json.MAPPER.readTree("{\"spec\":" + spec + "}");
  }

  private static final String PROM =
      "\"prometheus\":{\"address\":\"http://prom:9090\",\"query\":\"up\"}";

  private static String fieldOf(String spec) {
    try {
      AnomalyMonitorSpec.parse(resource(spec));
      return "accepted";
    } catch (ValidationException e) {
      return e.fieldErrors().getFirst().field();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aMinimalSpecGetsTheDocumentedDefaults() throws Exception {
    AnomalyMonitorSpec spec = AnomalyMonitorSpec.parse(resource("{" + PROM + "}"));
    assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.threshold()).isEqualTo(0.4);
    assertThat(spec.correlationWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(spec.detector()).isEqualTo("resonance-ensemble");
    assertThat(spec.service()).isEmpty();
  }

  @Test
  void badFieldsAreRefusedByName() {
    assertThat(fieldOf("{}")).isEqualTo("spec.prometheus");
    assertThat(fieldOf("{\"prometheus\":{\"address\":\"http://p\"}}"))
        .isEqualTo("spec.prometheus.query");
    assertThat(fieldOf("{\"threshold\":0," + PROM + "}")).isEqualTo("spec.threshold");
    assertThat(fieldOf("{\"threshold\":\"high\"," + PROM + "}")).isEqualTo("spec.threshold");
    assertThat(fieldOf("{\"interval\":\"soon\"," + PROM + "}")).isEqualTo("spec.interval");
    assertThat(fieldOf("{\"interval\":\"100ms\"," + PROM + "}")).isEqualTo("spec.interval");
    assertThat(fieldOf("{\"correlationWindow\":\"-5m\"," + PROM + "}"))
        .isEqualTo("spec.correlationWindow");
    assertThat(fieldOf("{\"detector\":\"magic\"," + PROM + "}")).isEqualTo("spec.detector");
    assertThat(fieldOf("{\"threshold\":0.7,\"interval\":\"5s\"," + PROM + "}"))
        .isEqualTo("accepted");
  }

  @Test
  void aTrackerScoresOneNumberAndSkipsEverythingElseWithoutLearningFromIt() throws Exception {
    SeriesTracker t = new SeriesTracker(AnomalyMonitorSpec.parse(resource("{" + PROM + "}")));
    assertThat(t.observe(T0, Measurement.value(List.of())))
        .isInstanceOf(SeriesTracker.Step.Skipped.class);
    assertThat(t.observe(T0, Measurement.value(List.of(1.0, 2.0))))
        .isInstanceOfSatisfying(
            SeriesTracker.Step.Skipped.class, s -> assertThat(s.reason()).contains("2 series"));
    assertThat(t.observe(T0, Measurement.failure(Measurement.Reason.Unavailable, "down")))
        .isInstanceOf(SeriesTracker.Step.Skipped.class);
    assertThat(t.points()).isZero();
    assertThat(t.lastSkip()).isEqualTo("Unavailable: down");
    for (int i = 0; i < 50; i++) {
      SeriesTracker.Step s = t.observe(T0.plusSeconds(30L * i), Measurement.value(List.of(0.2)));
      assertThat(s).isEqualTo(new SeriesTracker.Step.Scored(0.2, 0.0, false));
    }
    SeriesTracker.Step jump = t.observe(T0.plusSeconds(1500), Measurement.value(2.5));
    assertThat(jump)
        .isInstanceOfSatisfying(
            SeriesTracker.Step.Scored.class, s -> assertThat(s.anomaly()).isTrue());
    assertThat(t.points()).isEqualTo(51);
    assertThat(t.lastSkip()).as("a scored sample clears the skip reason").isEmpty();
    assertThat(t.recent()).hasSize(51);
    assertThat(t.recent().getLast())
        .isEqualTo(new SeriesTracker.Sample(T0.plusSeconds(1500), 2.5, t.lastScore(), true));
    for (int i = 0; i < SeriesTracker.HISTORY; i++) {
      t.observe(T0.plusSeconds(1530L + 30L * i), Measurement.value(0.2));
    }
    assertThat(t.recent()).hasSize(SeriesTracker.HISTORY).noneMatch(SeriesTracker.Sample::anomaly);
  }

  private static PlatformEvent event(long id, int minutesBefore, String type, String service) {
    return new PlatformEvent(
        id,
        T0.minus(Duration.ofMinutes(minutesBefore)),
        type,
        "shop",
        "Rollout/" + service,
        service,
        "local",
        "",
        Map.of());
  }

  @Test
  void onlyChangesOfTheServiceWithinTheWindowBeforeTheStartAreSuspectsNewestFirst() {
    List<PlatformEvent> events =
        List.of(
            event(1, 30, "rollout.step", "checkout"), // too early
            event(2, 10, "rollout.step", "checkout"),
            event(3, 2, "flag.changed", "checkout"),
            event(4, 1, "rollout.step", "search"), // other service
            event(5, 1, "anomaly.detected", "checkout"), // not a change
            event(6, -1, "rollout.step", "checkout")); // after the start
    assertThat(ChangeCorrelation.suspects(T0, "checkout", Duration.ofMinutes(15), events))
        .extracting(PlatformEvent::id)
        .containsExactly(3L, 2L);
    assertThat(ChangeCorrelation.suspects(T0, "", Duration.ofMinutes(15), events))
        .extracting(PlatformEvent::id)
        .containsExactly(4L, 3L, 2L);
  }

  @Test
  void theAnomalyEventNamesTheLatestSuspect() throws Exception {
    AnomalyMonitorSpec spec =
        AnomalyMonitorSpec.parse(resource("{\"service\":\"checkout\"," + PROM + "}"));
    var scored = new SeriesTracker.Step.Scored(2.5, 0.91, true);
    PlatformEvent e =
        SeriesTracker.event(
            T0, "shop", "latency", spec, scored, List.of(event(9, 1, "rollout.step", "checkout")));
    assertThat(e.type()).isEqualTo("anomaly.detected");
    assertThat(e.subject()).isEqualTo("AnomalyMonitor/latency");
    assertThat(e.attributes())
        .containsEntry("possibleCause", "rollout.step Rollout/checkout")
        .containsEntry("possibleCauseEventId", "9")
        .containsEntry("score", "0.910");
    PlatformEvent alone = SeriesTracker.event(T0, "shop", "latency", spec, scored, List.of());
    assertThat(alone.attributes()).doesNotContainKey("possibleCause");
  }
}
