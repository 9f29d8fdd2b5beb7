package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes an AnalysisRun's status in Argo's shape: {@code phase, message, startedAt,
 * runSummary, metricResults[{name, phase, message, measurements[{phase, value, startedAt,
 * finishedAt, message}], count, successful, failed, inconclusive, error, consecutiveError,
 * consecutiveSuccess, dryRun}]}. Writing starts from the stored status so fields other tools wrote
 * are kept.
 */
public final class RunStatusCodec {
  private RunStatusCodec() {}

  /** The run status stored in {@code status} (a missing node gives the empty status). */
  public static RunStatus read(JsonNode status) {
    List<MetricResult> results = new ArrayList<>();
    status.path("metricResults").forEach(r -> results.add(readResult(r)));
    return new RunStatus(
        AnalysisPhase.parse(status.path("phase").asText(""), AnalysisPhase.Pending),
        status.path("message").asText(""),
        instant(status.path("startedAt")),
        results);
  }

  /** {@code previous} (may be missing) updated with {@code status}. */
  public static ObjectNode write(JsonNode previous, RunStatus status) {
    ObjectNode out =
        previous instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    out.put("phase", status.phase().name());
    putOrRemove(out, "message", status.message());
    if (status.startedAt() != null) {
      out.put("startedAt", status.startedAt().toString());
    }
    ObjectNode summary = out.putObject("runSummary");
    summary.put("count", status.metricResults().size());
    for (AnalysisPhase p :
        List.of(
            AnalysisPhase.Successful,
            AnalysisPhase.Failed,
            AnalysisPhase.Inconclusive,
            AnalysisPhase.Error)) {
      long n = status.metricResults().stream().filter(r -> r.phase() == p).count();
      summary.put(p.name().toLowerCase(Locale.ROOT), n);
    }
    ArrayNode results = out.putArray("metricResults");
    status.metricResults().forEach(r -> results.add(writeResult(r)));
    return out;
  }

  private static MetricResult readResult(JsonNode r) {
    List<MeasurementRecord> measurements = new ArrayList<>();
    r.path("measurements").forEach(m -> measurements.add(readMeasurement(m)));
    return new MetricResult(
        r.path("name").asText(""),
        AnalysisPhase.parse(r.path("phase").asText(""), AnalysisPhase.Running),
        r.path("message").asText(""),
        measurements,
        r.path("count").asInt(0),
        r.path("successful").asInt(0),
        r.path("failed").asInt(0),
        r.path("inconclusive").asInt(0),
        r.path("error").asInt(0),
        r.path("consecutiveError").asInt(0),
        r.path("consecutiveSuccess").asInt(0),
        r.path("dryRun").asBoolean(false));
  }

  private static MeasurementRecord readMeasurement(JsonNode m) {
    return new MeasurementRecord(
        AnalysisPhase.parse(m.path("phase").asText(""), AnalysisPhase.Error),
        m.path("value").asText(""),
        instant(m.path("startedAt")),
        instant(m.path("finishedAt")),
        m.path("message").asText(""));
  }

  private static ObjectNode writeResult(MetricResult r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", r.name()).put("phase", r.phase().name());
    putOrRemove(out, "message", r.message());
    ArrayNode ms = out.putArray("measurements");
    r.measurements().forEach(m -> ms.add(writeMeasurement(m)));
    out.put("count", r.count())
        .put("successful", r.successful())
        .put("failed", r.failed())
        .put("inconclusive", r.inconclusive())
        .put("error", r.error())
        .put("consecutiveError", r.consecutiveError())
        .put("consecutiveSuccess", r.consecutiveSuccess());
    if (r.dryRun()) {
      out.put("dryRun", true);
    }
    return out;
  }

  private static ObjectNode writeMeasurement(MeasurementRecord m) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("phase", m.phase().name());
    putOrRemove(out, "value", m.value());
    if (m.startedAt() != null) {
      out.put("startedAt", m.startedAt().toString());
    }
    if (m.finishedAt() != null) {
      out.put("finishedAt", m.finishedAt().toString());
    }
    putOrRemove(out, "message", m.message());
    return out;
  }

  private static void putOrRemove(ObjectNode node, String field, String value) {
    if (value == null || value.isEmpty()) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  private static Instant instant(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
