package dev.pilothouse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (a separate load-generating process on loopback) and reads its summary. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

  /** What one wrk run measured. */
  record Result(double requestsPerSecond, long non2xx, double p99Millis, String raw) {}

  private Wrk() {}

  static Result run(
      String script, int threads, int connections, int seconds, String url, String... args)
      throws IOException, InterruptedException {
    Path lua = Files.createTempFile("pilothouse-bench", ".lua");
    try (InputStream in = Wrk.class.getResourceAsStream(script)) {
      Files.write(lua, in.readAllBytes());
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk",
                "--latency",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "-s",
                lua.toString(),
                url,
                "--"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Files.deleteIfExists(lua);
    return new Result(number(RATE, out), (long) number(ERRORS, out), p99(out), out);
  }

  private static double number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double p99(String out) {
    Matcher m = P99.matcher(out);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      default -> v;
    };
  }
}
