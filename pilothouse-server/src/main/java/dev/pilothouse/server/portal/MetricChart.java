package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A small line chart of one metric's measurements, laid out here and drawn as inline SVG by the
 * template, so the page needs no chart library and no script.
 *
 * @param line the polyline's points attribute ("x,y x,y ...")
 * @param points one marker per measurement; failed ones are drawn in red
 * @param low the smallest value, the chart's bottom edge
 * @param high the largest value, the chart's top edge
 */
public record MetricChart(
    String metric, String phase, String line, List<Point> points, String low, String high) {
  /** Width of the drawing area in SVG units. */
  public static final int WIDTH = 240;

  /** Height of the drawing area in SVG units. */
  public static final int HEIGHT = 60;

  private static final double PAD = 5;

  /**
   * One measurement as drawn.
   *
   * @param title the tooltip: value, phase and when it finished
   */
  public record Point(String x, String y, boolean failed, String title) {}

  /**
   * The chart of a {@code status.metricResults[]} entry; empty when nothing numeric was measured.
   */
  static Optional<MetricChart> of(JsonNode result) {
    List<Sample> samples = samples(result.path("measurements"));
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    double low = samples.stream().mapToDouble(Sample::value).min().orElse(0);
    double high = samples.stream().mapToDouble(Sample::value).max().orElse(0);
    List<Point> points = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      String x = fmt(scale(i, 0, Math.max(samples.size() - 1, 1), PAD, WIDTH - PAD));
      String y = fmt(scale(s.value(), high, low, PAD, HEIGHT - PAD)); // SVG y grows downwards
      points.add(new Point(x, y, s.failed(), s.title()));
      line.append(i == 0 ? "" : " ").append(x).append(',').append(y);
    }
    return Optional.of(
        new MetricChart(
            result.path("name").asText(),
            result.path("phase").asText(""),
            line.toString(),
            points,
            fmt(low),
            fmt(high)));
  }

  /**
   * A chart of any series, e.g. an SLO's remaining budget over time; empty without values.
   *
   * @param values in time order
   * @param titles one tooltip per value
   */
  public static Optional<MetricChart> series(
      String name, String caption, List<Double> values, List<String> titles) {
    JsonNode result =
        dev.pilothouse.core.json.Json.object().put("name", name).put("phase", caption);
    var measurements =
        ((com.fasterxml.jackson.databind.node.ObjectNode) result).putArray("measurements");
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isNaN()) {
        measurements
            .addObject()
            .put("value", String.valueOf(values.get(i)))
            .put("phase", titles.get(i));
      }
    }
    return of(result);
  }

  private record Sample(double value, boolean failed, String title) {}

  // Measurements are recorded in order, so their position is their time: spacing them evenly
  // keeps a burst of quick retries readable where a true time axis would pile them up.
  private static List<Sample> samples(JsonNode measurements) {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode m : measurements) {
      OptionalDouble value = number(m.path("value").asText(""));
      if (value.isPresent()) {
        String phase = m.path("phase").asText("");
        // an anomaly is drawn like a failed measurement: the point someone should look at
        boolean failed = phase.equals("Failed") || phase.equals("Error") || phase.equals("Anomaly");
        String title = fmt(value.getAsDouble()) + " · " + phase + when(m.path("finishedAt"));
        samples.add(new Sample(value.getAsDouble(), failed, title));
      }
    }
    return samples;
  }

  /** Argo stores values as text, a scalar or a one-element vector such as "[0.98]". */
  static OptionalDouble number(String text) {
    String trimmed = text.replaceAll("[\\[\\]\\s]", "");
    int comma = trimmed.indexOf(',');
    try {
      return OptionalDouble.of(
          Double.parseDouble(comma < 0 ? trimmed : trimmed.substring(0, comma)));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  private static String when(JsonNode finishedAt) {
    try {
      return finishedAt.isTextual() ? " · " + Instant.parse(finishedAt.asText()) : "";
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** Maps {@code v} from [from, to] onto [lo, hi]; a flat range lands in the middle. */
  private static double scale(double v, double from, double to, double lo, double hi) {
    if (from == to) {
      return (lo + hi) / 2;
    }
    return lo + (v - from) / (to - from) * (hi - lo);
  }

  private static String fmt(double v) {
    String text = String.format(Locale.ROOT, "%.2f", v);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}
