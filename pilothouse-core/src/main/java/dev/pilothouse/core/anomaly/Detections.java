package dev.pilothouse.core.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * One detector's anomaly scores for every series of a corpus, aligned by row position, with the
 * per-series scoring layouts computed once so many thresholds and profiles can be tried cheaply.
 *
 * @param series the labelled series
 * @param scores anomaly scores, one array per series, same order and lengths
 * @param layouts threshold-independent scoring data per series
 */
public record Detections(
    List<LabelledSeries> series, List<double[]> scores, List<ScoringLayout> layouts) {

  /** Checks alignment; use {@link #of} to build. */
  public Detections {
    series = List.copyOf(series);
    scores = List.copyOf(scores);
    layouts = List.copyOf(layouts);
    if (series.size() != scores.size() || series.size() != layouts.size()) {
      throw new IllegalArgumentException("series, scores and layouts differ in count");
    }
  }

  /** Pairs each series with its scores, checking that the row counts agree. */
  public static Detections of(List<LabelledSeries> series, List<double[]> scores) {
    if (series.size() != scores.size()) {
      throw new IllegalArgumentException(
          scores.size() + " score arrays for " + series.size() + " series");
    }
    List<ScoringLayout> layouts = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      NabScorer.checked(series.get(i), scores.get(i));
      layouts.add(ScoringLayout.of(series.get(i)));
    }
    return new Detections(series, scores, layouts);
  }

  /** Number of labelled windows in the corpus: the base of the 0..100 normalisation. */
  public int windowCount() {
    return series.stream().mapToInt(s -> s.windows().size()).sum();
  }
}
