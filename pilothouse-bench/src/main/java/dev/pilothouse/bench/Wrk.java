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
public final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");

  /** What one wrk run measured. */
  public record Result(
      double requestsPerSecond,
      long non2xx,
      long socketErrors,
      double p50Millis,
      double p99Millis,
      String raw) {}

  private Wrk() {}

  /** Runs wrk with one of this module's Lua scripts, passing {@code args} to it. */
  public static Result run(
      String script, int threads, int connections, int seconds, String url, String... args)
      throws IOException, InterruptedException {
    Path lua = Files.createTempFile("pilothouse-bench", ".lua");
    try (InputStream in = Wrk.class.getResourceAsStream(script)) {
      Files.write(lua, in.readAllBytes());
    }
    try {
      List<String> command = new ArrayList<>(List.of("-s", lua.toString(), url, "--"));
      command.addAll(List.of(args));
      return execute(threads, connections, seconds, command);
    } finally {
      Files.deleteIfExists(lua);
    }
  }

  /** Runs wrk sending plain GETs to {@code url}. */
  public static Result get(int threads, int connections, int seconds, String url)
      throws IOException, InterruptedException {
    return execute(threads, connections, seconds, List.of(url));
  }

  private static Result execute(int threads, int connections, int seconds, List<String> tail)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("wrk", "--latency", "-t" + threads, "-c" + connections, "-d" + seconds + "s"));
    command.addAll(tail);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    return new Result(
        number(RATE, out),
        (long) number(ERRORS, out),
        socketErrors(out),
        millis(P50, out),
        millis(P99, out),
        out);
  }

  private static long socketErrors(String out) {
    Matcher m = SOCKET_ERRORS.matcher(out);
    long sum = 0;
    if (m.find()) {
      for (int i = 1; i <= 4; i++) {
        sum += Long.parseLong(m.group(i));
      }
    }
    return sum;
  }

  private static double number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double millis(Pattern p, String out) {
    Matcher m = p.matcher(out);
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
