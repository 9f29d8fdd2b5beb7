package dev.pilothouse.core.anomaly;

/**
 * A streaming anomaly detector for one series. It sees each point once, in arrival order, and
 * scores it before seeing the next (no look-ahead). Implementations keep bounded state and do O(1)
 * or O(log n) work per point. One instance per series: state is never shared.
 */
public interface AnomalyDetector {
  /**
   * Consumes the next point and returns its anomaly score.
   *
   * @param epochSeconds point time; may repeat or go backwards, so detectors must not rely on it
   *     being increasing
   * @param value the observation; NaN or infinite values must be tolerated
   * @return a score in [0, 1]; higher means more anomalous
   */
  double score(long epochSeconds, double value);
}
