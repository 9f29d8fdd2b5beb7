package dev.pilothouse.core.slo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small PromQL text helpers for the generated rules. */
final class PromQl {
  private PromQl() {}

  /** The labels that identify an SLO's series, as Sloth names them. */
  static Map<String, String> identity(Slo slo) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("sloth_id", slo.id());
    out.put("sloth_service", slo.service());
    out.put("sloth_slo", slo.name());
    return out;
  }

  /** {@code metric{sloth_id="…", sloth_service="…", sloth_slo="…"}}. */
  static String series(String metric, Slo slo) {
    return metric
        + identity(slo).entrySet().stream()
            .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
  }

  /** The SLO's labels plus its identity labels plus {@code extra}. */
  static Map<String, String> labels(Slo slo, Map<String, String> extra) {
    Map<String, String> out = new LinkedHashMap<>(slo.labels());
    out.putAll(identity(slo));
    out.putAll(extra);
    return out;
  }

  static String number(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
