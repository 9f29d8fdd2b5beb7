package dev.pilothouse.server.local;

import java.time.Duration;
import java.time.Instant;

/**
 * One probe's schedule and result for one pod process, with Kubernetes' thresholds: a failing probe
 * passes after {@code successThreshold} successes in a row, a passing one fails after {@code
 * failureThreshold} failures in a row. Readiness starts failing, liveness starts passing.
 */
final class ProbeTracker {
  /** Period when the template gives none: local processes start in about a second. */
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

  /** Until a readiness probe first passes without a declared period, it runs every tick. */
  static final Duration EAGER_PERIOD = Duration.ZERO;

  final Probe probe;
  private final boolean initiallyPassing;
  private volatile Instant next = Instant.MAX;
  private volatile boolean inFlight;
  private volatile boolean passing;
  private volatile boolean everPassed;
  private int successes;
  private int failures;

  ProbeTracker(Probe probe, boolean initiallyPassing) {
    this.probe = probe;
    this.initiallyPassing = initiallyPassing;
    this.passing = initiallyPassing;
  }

  /** A new process started at {@code start}: the first probe is due after the initial delay. */
  synchronized void reset(Instant start) {
    next = start.plus(probe.initialDelay());
    passing = initiallyPassing;
    everPassed = false;
    successes = 0;
    failures = 0;
    inFlight = false;
  }

  /** An adopted process: probe right away, keep its results from nothing. */
  synchronized void resume(Instant now) {
    reset(now);
    next = now;
  }

  /** Whether a probe is due now; if so, marks it in flight and schedules the next one. */
  synchronized boolean claim(Instant now) {
    if (inFlight || now.isBefore(next)) {
      return false;
    }
    inFlight = true;
    next = now.plus(period());
    return true;
  }

  private Duration period() {
    if (probe.period() != null) {
      return probe.period();
    }
    return !initiallyPassing && !everPassed ? EAGER_PERIOD : DEFAULT_PERIOD;
  }

  /** Records one probe result. */
  synchronized void record(boolean ok) {
    inFlight = false;
    if (ok) {
      failures = 0;
      if (++successes >= probe.successThreshold()) {
        passing = true;
        everPassed = true;
      }
    } else {
      successes = 0;
      if (++failures >= probe.failureThreshold()) {
        passing = false;
      }
    }
  }

  /** Marks the probe passed (a startup probe of an adopted process, which started long ago). */
  synchronized void markPassed() {
    passing = true;
    everPassed = true;
  }

  /** Whether the probe failed {@code failureThreshold} times in a row since it last passed. */
  synchronized boolean failedOut() {
    return failures >= probe.failureThreshold();
  }

  /** Whether the probe passes (readiness: ready; liveness: healthy; startup: started). */
  boolean passing() {
    return passing;
  }
}
