package dev.pilothouse.core.analysis;

import java.util.regex.Pattern;

/**
 * How many measurements to keep in the status for the metrics whose name matches a regex.
 *
 * @param metricName regex over metric names (matched against the whole name)
 * @param limit measurements kept, newest first
 */
public record MeasurementRetention(Pattern metricName, int limit) {
  /** Argo's default number of measurements kept per metric. */
  public static final int DEFAULT_LIMIT = 10;
}
