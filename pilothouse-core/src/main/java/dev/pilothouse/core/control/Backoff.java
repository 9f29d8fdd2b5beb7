package dev.pilothouse.core.control;

import java.time.Duration;

/**
 * Exponential backoff for failed reconciles: {@code initial × 2^(failures-1)}, capped at {@code
 * max}. A policy object so controllers and tests can choose their own bounds.
 */
public record Backoff(Duration initial, Duration max) {
  /** 100 ms doubling up to 30 s. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

  /** The delay before the retry after {@code failures} consecutive failures (1 or more). */
  public Duration delay(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    Duration d = initial.multipliedBy(1L << shift);
    return d.compareTo(max) > 0 ? max : d;
  }
}
