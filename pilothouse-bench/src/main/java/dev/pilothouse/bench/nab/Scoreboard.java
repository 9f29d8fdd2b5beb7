package dev.pilothouse.bench.nab;

import dev.pilothouse.core.anomaly.CorpusScore;
import java.util.List;
import java.util.Locale;

/** Formats sweep results as the table NabBench prints. */
final class Scoreboard {
  private Scoreboard() {}

  static String table(String detector, List<CorpusScore> scores) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "| %-22s | %-20s | %9s | %12s | %11s | %8s |%n",
            "detector",
            "profile",
            "NAB",
            "theta",
            "windows hit",
            "FP rows"));
    out.append("|").append("-".repeat(24)).append("|").append("-".repeat(22));
    out.append("|----------:|-------------:|------------:|---------:|\n");
    for (CorpusScore s : scores) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %-22s | %-20s | %9.3f | %12.6f | %5d / %-5d | %8d |%n",
              detector,
              s.profile().name(),
              s.nab(),
              s.theta(),
              s.total().windowsHit(),
              s.windowCount(),
              s.total().fp()));
    }
    return out.toString();
  }
}
