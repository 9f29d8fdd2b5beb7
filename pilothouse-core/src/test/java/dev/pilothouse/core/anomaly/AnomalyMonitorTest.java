package dev.pilothouse.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.Measurement;
import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
  void theLearningLookBackIsGivenInPointsOrAsADurationOfTheIntervalAndIsCapped() throws Exception {
    assertThat(AnomalyMonitorSpec.parse(resource("{" + PROM + "}")).learningPoints())
        .isEqualTo(AnomalyMonitorSpec.DEFAULT_LEARNING_POINTS);
    assertThat(
            AnomalyMonitorSpec.parse(resource("{\"learning\":{\"points\":0}," + PROM + "}"))
                .learningPoints())
        .isZero();
    AnomalyMonitorSpec hour =
        AnomalyMonitorSpec.parse(
            resource("{\"interval\":\"15s\",\"learning\":{\"duration\":\"1h\"}," + PROM + "}"));
    assertThat(hour.learningPoints()).isEqualTo(240);
    assertThat(hour.learningDuration()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badLearningLookBacksAreRefusedNamingTheField() {
    assertThat(fieldOf("{\"learning\":\"6h\"," + PROM + "}")).isEqualTo("spec.learning");
    assertThat(fieldOf("{\"learning\":{}," + PROM + "}")).isEqualTo("spec.learning");
    assertThat(fieldOf("{\"learning\":{\"points\":5,\"duration\":\"1h\"}," + PROM + "}"))
        .isEqualTo("spec.learning");
    assertThat(fieldOf("{\"learning\":{\"samples\":5}," + PROM + "}"))
        .isEqualTo("spec.learning.samples");
    assertThat(fieldOf("{\"learning\":{\"points\":-1}," + PROM + "}"))
        .isEqualTo("spec.learning.points");
    assertThat(fieldOf("{\"learning\":{\"points\":1.5}," + PROM + "}"))
        .isEqualTo("spec.learning.points");
    assertThat(fieldOf("{\"learning\":{\"points\":\"many\"}," + PROM + "}"))
        .isEqualTo("spec.learning.points");
    assertThat(fieldOf("{\"learning\":{\"points\":10001}," + PROM + "}"))
        .isEqualTo("spec.learning.points");
    assertThat(fieldOf("{\"learning\":{\"points\":99999999999999999999999}," + PROM + "}"))
        .isEqualTo("spec.learning.points");
    assertThat(fieldOf("{\"learning\":{\"duration\":\"soon\"}," + PROM + "}"))
        .isEqualTo("spec.learning.duration");
    assertThat(fieldOf("{\"learning\":{\"duration\":\"-1h\"}," + PROM + "}"))
        .isEqualTo("spec.learning.duration");
    assertThat(fieldOf("{\"learning\":{\"duration\":\"100h\"}," + PROM + "}"))
        .isEqualTo("spec.learning.duration"); // 12,000 samples of 30 s
    assertThat(fieldOf("{\"learning\":{\"points\":10000}," + PROM + "}")).isEqualTo("accepted");
  }

  /** A square wave (high for 30 samples, low for 30) with a little noise, from sample {@code i}. */
  private static List<MetricHistory.Point> wave(int from, int n) {
    Random random = new Random(from);
    List<MetricHistory.Point> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      double v = (i / 30) % 2 == 0 ? 1.0 : 0.2;
      out.add(new MetricHistory.Point(T0.plusSeconds(30L * i), v + 0.01 * random.nextGaussian()));
    }
    return out;
  }

  private static int anomalies(SeriesTracker t, List<MetricHistory.Point> live) {
    int n = 0;
    for (MetricHistory.Point p : live) {
      SeriesTracker.Step s = t.observe(p.time(), Measurement.value(p.value()));
      n += s instanceof SeriesTracker.Step.Scored scored && scored.anomaly() ? 1 : 0;
    }
    return n;
  }

  @Test
  void aWarmStartedTrackerLearnsTheHistoryAndThenTakesAContinuationOfItQuietlyButAJumpNot()
      throws Exception {
    AnomalyMonitorSpec spec = AnomalyMonitorSpec.parse(resource("{" + PROM + "}"));
    List<MetricHistory.Point> history = wave(0, 900);
    SeriesTracker warm = SeriesTracker.warmStarted(spec, new MetricHistory.Points(history));
    SeriesTracker blind = new SeriesTracker(spec);

    assertThat(warm.learnedFromHistory()).isEqualTo(750); // only the look-back's last samples
    assertThat(warm.warmStart()).isEqualTo("learned from 750 of 750 history samples");
    assertThat(anomalies(warm, wave(900, 600))).as("warm, the wave goes on").isZero();
    assertThat(anomalies(blind, wave(900, 600))).as("blind, the wave is new").isPositive();
    assertThat(warm.observe(T0.plusSeconds(30L * 1500), Measurement.value(5.0)))
        .isInstanceOfSatisfying(
            SeriesTracker.Step.Scored.class, s -> assertThat(s.anomaly()).isTrue());
  }

  @Test
  void withoutUsableHistoryTheTrackerSaysWhyAndLearnsLive() throws Exception {
    AnomalyMonitorSpec spec = AnomalyMonitorSpec.parse(resource("{" + PROM + "}"));
    SeriesTracker down =
        SeriesTracker.warmStarted(spec, new MetricHistory.Unavailable("prometheus unreachable"));
    assertThat(down.learnedFromHistory()).isZero();
    assertThat(down.warmStart()).contains("prometheus unreachable", "learning from live samples");

    List<MetricHistory.Point> gappy = new ArrayList<>(wave(0, 100));
    gappy.set(10, new MetricHistory.Point(T0, Double.NaN));
    SeriesTracker partial = SeriesTracker.warmStarted(spec, new MetricHistory.Points(gappy));
    assertThat(partial.learnedFromHistory()).isEqualTo(99);
    assertThat(partial.warmStart()).isEqualTo("learned from 100 of 750 history samples");

    AnomalyMonitorSpec off =
        AnomalyMonitorSpec.parse(resource("{\"learning\":{\"points\":0}," + PROM + "}"));
    assertThat(
            SeriesTracker.warmStarted(off, new MetricHistory.Points(wave(0, 900)))
                .learnedFromHistory())
        .isZero();
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
