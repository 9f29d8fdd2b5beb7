package dev.pilothouse.core.analysis;

/**
 * What a {@link MetricSource} returns: a value to evaluate conditions on, or a typed failure that
 * becomes an Error measurement.
 */
public sealed interface Measurement {

  /**
   * A measured value: a {@code Double}, a {@code List} of values (a Prometheus vector; empty when
   * no series matched), a {@code Map}, a {@code String}, a {@code Boolean} or null.
   */
  record Value(Object value) implements Measurement {}

  /**
   * The provider could not produce a value.
   *
   * @param reason the kind of failure
   * @param message a human-readable explanation
   */
  record Failure(Reason reason, String message) implements Measurement {}

  /** Kinds of provider failure. */
  enum Reason {
    /** The provider could not be reached, timed out or answered with an HTTP error. */
    Unavailable,
    /** The provider answered, but with something that is not a usable value. */
    BadResponse,
    /** The metric's provider block is wrong (missing query, unknown provider…). */
    Misconfigured
  }

  /** A value. */
  static Measurement value(Object value) {
    return new Value(value);
  }

  /** A failure. */
  static Measurement failure(Reason reason, String message) {
    return new Failure(reason, message);
  }
}
