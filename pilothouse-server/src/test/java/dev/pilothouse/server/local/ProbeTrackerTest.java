package dev.pilothouse.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Yaml;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  private static Probe probe(String yaml) {
    return Probe.parse(Yaml.readAll(yaml, "test").getFirst());
  }

  @Test
  void theFirstProbeWaitsForTheInitialDelayThenRunsEveryPeriod() {
    ProbeTracker t =
        new ProbeTracker(
            probe("{tcpSocket: {port: 80}, initialDelaySeconds: 5, periodSeconds: 3}"), false);
    t.reset(T0);

    assertThat(t.claim(T0.plusSeconds(4))).isFalse();
    assertThat(t.claim(T0.plusSeconds(5))).isTrue();
    assertThat(t.claim(T0.plusSeconds(5))).as("one in flight at a time").isFalse();
    t.record(false);
    assertThat(t.claim(T0.plusSeconds(7))).isFalse();
    assertThat(t.claim(T0.plusSeconds(8))).isTrue();
  }

  @Test
  void readinessPassesAfterSuccessThresholdSuccessesAndFailsAfterFailureThresholdFailures() {
    ProbeTracker t =
        new ProbeTracker(
            probe("{httpGet: {path: /r, port: http}, successThreshold: 2, failureThreshold: 3}"),
            false);
    t.reset(T0);

    t.record(true);
    assertThat(t.passing()).isFalse();
    t.record(true);
    assertThat(t.passing()).isTrue();
    t.record(false);
    t.record(false);
    assertThat(t.passing()).as("two failures are not three").isTrue();
    t.record(true);
    t.record(false);
    t.record(false);
    assertThat(t.passing()).as("a success in between resets the count").isTrue();
    t.record(false);
    assertThat(t.passing()).isFalse();
    t.record(true);
    assertThat(t.passing()).as("a failing probe needs two successes again").isFalse();
  }

  @Test
  void livenessStartsPassingAndARestartResetsIt() {
    ProbeTracker t = new ProbeTracker(probe("{tcpSocket: {port: 80}, failureThreshold: 1}"), true);
    t.reset(T0);
    assertThat(t.passing()).isTrue();
    t.record(false);
    assertThat(t.passing()).isFalse();

    t.reset(T0.plusSeconds(10));

    assertThat(t.passing()).isTrue();
  }

  @Test
  void withoutADeclaredPeriodReadinessIsProbedEagerlyUntilFirstReadyThenEverySecond() {
    ProbeTracker t = new ProbeTracker(probe("{httpGet: {path: /r}}"), false);
    t.reset(T0);

    assertThat(t.claim(T0)).isTrue();
    t.record(false);
    assertThat(t.claim(T0.plusMillis(250))).isTrue();
    t.record(true);
    assertThat(t.claim(T0.plusMillis(500))).isTrue(); // scheduled before it passed
    t.record(true);
    assertThat(t.claim(T0.plusMillis(600))).isFalse();
    assertThat(t.claim(T0.plusMillis(1500))).isTrue();
  }

  @Test
  void theProbeFieldsAreRead() {
    Probe p =
        probe(
            """
            httpGet: {path: healthz, port: admin, httpHeaders: [{name: X-Probe, value: "1"}]}
            timeoutSeconds: 4
            """);

    assertThat(p.kind()).isEqualTo(Probe.Kind.HTTP);
    assertThat(p.target()).containsExactly("/healthz");
    assertThat(p.headers()).containsEntry("X-Probe", "1");
    assertThat(p.port().asText()).isEqualTo("admin");
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.period()).isNull();
    assertThat(probe("{exec: {command: [true]}}").kind()).isEqualTo(Probe.Kind.EXEC);
  }

  @Test
  void aStartupProbeFailsOutAfterFailureThresholdFailuresAndAnAdoptedOneCountsAsPassed() {
    ProbeTracker t = new ProbeTracker(probe("{tcpSocket: {port: 80}, failureThreshold: 2}"), false);
    t.reset(T0);
    t.record(false);
    assertThat(t.failedOut()).isFalse();
    t.record(false);
    assertThat(t.failedOut()).isTrue();

    t.resume(T0.plusSeconds(5));
    t.markPassed();

    assertThat(t.failedOut()).isFalse();
    assertThat(t.passing()).isTrue();
  }
}
