package dev.pilothouse.server.portal;

import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.flags.FlagDiff;

/** One change in a flag's history: when, who, what kind, and the field diff. */
public record FlagHistoryRow(String time, String actor, String change, String diff) {

  static FlagHistoryRow of(PlatformEvent e) {
    var a = e.attributes();
    return new FlagHistoryRow(
        e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        a.getOrDefault("actor", ""),
        e.type().replaceFirst("^flag\\.", ""),
        FlagDiff.describe(a.getOrDefault("before", ""), a.getOrDefault("after", "")));
  }
}
