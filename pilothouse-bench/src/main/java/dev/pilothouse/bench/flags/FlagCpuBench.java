package dev.pilothouse.bench.flags;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code dev/bench flags-cpu [rounds] [calls]}: the {@link FlagEvaluationBench} cases measured in
 * thread CPU time instead of wall time, for a machine shared with other work. Time slices lost to
 * other processes do not count, so the ratios stay readable under load where JMH's wall-clock
 * averages swing by multiples; JMH ({@code dev/bench flags}) remains the reference on a quiet
 * machine. Each round runs every case {@code calls} times in turn after a warm-up round; the median
 * over rounds is printed.
 */
public final class FlagCpuBench {
  private static volatile Object sink;

  private FlagCpuBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    FlagEvaluationBench.Ours ours = new FlagEvaluationBench.Ours();
    ours.setUp();
    FlagEvaluationBench.Flagd flagd = new FlagEvaluationBench.Flagd();
    flagd.setUp();
    try {
      report(measure(cases(ours, flagd), rounds, calls));
    } finally {
      flagd.tearDown();
    }
  }

  private static Map<String, Supplier<Object>> cases(
      FlagEvaluationBench.Ours ours, FlagEvaluationBench.Flagd flagd) {
    FlagEvaluationBench b = new FlagEvaluationBench();
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("static ours", () -> b.staticOurs(ours));
    cases.put("static flagd", () -> b.staticFlagd(flagd));
    cases.put("targeting ours", () -> b.targetingOurs(ours));
    cases.put("targeting flagd", () -> b.targetingFlagd(flagd));
    cases.put("fractional ours", () -> b.fractionalOurs(ours));
    cases.put("fractional flagd", () -> b.fractionalFlagd(flagd));
    return cases;
  }

  /** Case name to the median CPU nanoseconds per call. */
  private static Map<String, Double> measure(
      Map<String, Supplier<Object>> cases, int rounds, int calls) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, double[]> samples = new LinkedHashMap<>();
    cases.keySet().forEach(k -> samples.put(k, new double[rounds]));
    for (int round = -1; round < rounds; round++) {
      for (var c : cases.entrySet()) {
        Supplier<Object> call = c.getValue();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          sink = call.get();
        }
        double perCall = (threads.getCurrentThreadCpuTime() - start) / (double) calls;
        if (round >= 0) {
          samples.get(c.getKey())[round] = perCall;
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    samples.forEach((k, v) -> {
      Arrays.sort(v);
      medians.put(k, v[v.length / 2]);
    });
    return medians;
  }

  private static void report(Map<String, Double> medians) {
    System.out.printf("%-18s %12s%n", "case", "cpu ns/call");
    medians.forEach((k, v) -> System.out.printf("%-18s %12.1f%n", k, v));
    for (String flag : new String[] {"static", "targeting", "fractional"}) {
      System.out.printf(
          "%s: flagd / ours = %.1fx%n",
          flag, medians.get(flag + " flagd") / medians.get(flag + " ours"));
    }
  }
}
