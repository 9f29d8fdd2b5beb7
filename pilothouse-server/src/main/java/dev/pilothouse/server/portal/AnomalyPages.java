package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.anomaly.SeriesTracker;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.anomaly.AnomalyMonitors;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /anomalies}: every AnomalyMonitor the user may read, with a chart of its recent values
 * (anomalies drawn as red points) and the latest anomaly events, each with the rollout step or flag
 * change it may have been caused by.
 */
public final class AnomalyPages {
  private static final int EVENTS = 10;

  private final AnomalyMonitors monitors;
  private final EventLog events;
  private final Authorizer authorizer;
  private final Views views;

  AnomalyPages(AnomalyMonitors monitors, EventLog events, Authorizer authorizer, Views views) {
    this.monitors = monitors;
    this.events = events;
    this.authorizer = authorizer;
    this.views = views;
  }

  /**
   * One monitor as shown.
   *
   * @param chart recent values; empty before the first sample
   * @param lastSkip why the latest sample could not be scored, empty when it was
   * @param warmStart what history the detector learned from when it started, or why none
   * @param anomalies the latest anomaly events, newest first
   */
  public record Row(
      String namespace,
      String name,
      String service,
      String score,
      String threshold,
      String lastSkip,
      String warmStart,
      Optional<MetricChart> chart,
      List<Anomaly> anomalies) {}

  /**
   * One anomaly event as shown.
   *
   * @param cause the suspected change, empty when none
   */
  public record Anomaly(String time, String score, String value, String cause) {}

  void list(ServerRequest req, ServerResponse res, Principal who) {
    List<Row> rows = new ArrayList<>();
    for (AnomalyMonitors.View v : monitors.views()) {
      if (authorizer.allows(who, Access.READ, v.namespace())) {
        rows.add(row(v));
      }
    }
    views.send(
        res,
        "anomalies.jte",
        Map.of("chrome", new Chrome("Anomalies", "/anomalies", who), "rows", rows));
  }

  private Row row(AnomalyMonitors.View v) {
    List<Anomaly> anomalies =
        events
            .query(
                new EventQuery(
                    v.namespace(), "AnomalyMonitor/" + v.name(), null, "anomaly.", EVENTS))
            .stream()
            .map(AnomalyPages::anomaly)
            .toList();
    return new Row(
        v.namespace(),
        v.name(),
        v.service(),
        fmt(v.lastScore()),
        fmt(v.threshold()),
        v.lastSkip(),
        v.warmStart(),
        chart(v),
        anomalies);
  }

  private static Anomaly anomaly(PlatformEvent e) {
    Map<String, String> a = e.attributes();
    return new Anomaly(
        e.time().toString(),
        a.getOrDefault("score", ""),
        a.getOrDefault("value", ""),
        a.getOrDefault("possibleCause", ""));
  }

  /** The values as a {@link MetricChart}; samples that started an anomaly are drawn red. */
  static Optional<MetricChart> chart(AnomalyMonitors.View v) {
    if (v.recent().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode result =
        Json.object().put("name", v.name()).put("phase", "last " + v.recent().size() + " samples");
    ArrayNode measurements = result.putArray("measurements");
    for (SeriesTracker.Sample s : v.recent()) {
      measurements
          .addObject()
          .put("value", Double.toString(s.value()))
          .put("phase", s.anomaly() ? "Anomaly" : "score " + fmt(s.score()))
          .put("finishedAt", s.time().toString());
    }
    return MetricChart.of(result);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
