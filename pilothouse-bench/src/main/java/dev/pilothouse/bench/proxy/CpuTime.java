package dev.pilothouse.bench.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by processes, read from {@code /proc/<pid>/stat} (user + system). On a shared,
 * noisy machine throughput swings with what else runs; CPU time per request does much less, so the
 * benchmark reports both.
 */
final class CpuTime {
  /** Clock ticks per second of /proc's counters ({@code getconf CLK_TCK}; 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** CPU seconds used so far by {@code process} and all its descendants (nginx's workers). */
  static double withDescendants(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants())
        .mapToDouble(p -> seconds(p.pid()))
        .sum();
  }

  /** CPU seconds used so far by this JVM alone (not the nginx or wrk processes it started). */
  static double self() {
    return seconds(ProcessHandle.current().pid());
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may contain spaces: skip past it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException e) {
      return 0; // the process ended between listing and reading
    }
  }
}
