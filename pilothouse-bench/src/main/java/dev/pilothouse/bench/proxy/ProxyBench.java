package dev.pilothouse.bench.proxy;

import dev.pilothouse.bench.Wrk;
import dev.pilothouse.proxy.Backend;
import dev.pilothouse.proxy.Listener;
import dev.pilothouse.proxy.ProxyMetrics;
import dev.pilothouse.proxy.ProxyOptions;
import dev.pilothouse.proxy.RouteTable;
import dev.pilothouse.proxy.WeightedProxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Pilothouse's weighted proxy against nginx's weighted upstream, in one run on one machine: the
 * same two static backends (an nginx serving a fixed body per version), the same 80/20 weights, the
 * same keep-alive pool size and the same wrk load, alternating the two proxies round by round so
 * drift on a noisy machine hits both. Also measures a direct connection (the added latency of a
 * proxy hop) and the weight split over many requests.
 *
 * <p>Usage: {@code ProxyBench [seconds] [connections] [rounds]}. Needs {@code nginx} and {@code
 * wrk} on the PATH. Prints Markdown.
 */
public final class ProxyBench {
  private static final String SERVICE = "bench";
  private static final int STABLE_WEIGHT = 80;
  private static final int CANARY_WEIGHT = 20;
  private static final int SPLIT_REQUESTS = 10_000;

  private ProxyBench() {}

  /** One target's results over the rounds, with the proxy's CPU microseconds per request. */
  private record Series(
      String name, DoubleSupplier cpuSeconds, List<Wrk.Result> runs, List<Double> cpuPerRequest) {
    Series(String name, DoubleSupplier cpuSeconds) {
      this(name, cpuSeconds, new ArrayList<>(), new ArrayList<>());
    }

    double medianCpuMicros() {
      return cpuPerRequest.stream().mapToDouble(d -> d).sorted().toArray()[runs.size() / 2];
    }

    Wrk.Result median() {
      List<Wrk.Result> sorted = new ArrayList<>(runs);
      sorted.sort(Comparator.comparingDouble(Wrk.Result::requestsPerSecond));
      return sorted.get(sorted.size() / 2);
    }

    double medianP99() {
      return runs.stream().mapToDouble(Wrk.Result::p99Millis).sorted().toArray()[runs.size() / 2];
    }
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int stable = Ports.free();
    int canary = Ports.free();
    int nginxPort = Ports.free();
    int ourPort = Ports.free();
    int cores = Runtime.getRuntime().availableProcessors();
    try (Nginx backends =
            Nginx.start(
                "backends", cores, Nginx.backends(stable, canary), List.of(stable, canary));
        Nginx nginx =
            Nginx.start(
                "proxy",
                cores,
                Nginx.weightedProxy(nginxPort, stable, STABLE_WEIGHT, canary, CANARY_WEIGHT),
                List.of(nginxPort));
        WeightedProxy ours = startOurs(ourPort, stable, canary)) {
      String direct = "http://127.0.0.1:" + stable + "/";
      String viaNginx = "http://127.0.0.1:" + nginxPort + "/";
      String viaOurs = "http://127.0.0.1:" + ourPort + "/";
      System.out.printf(
          "machine: %d cores, JDK %s, %s; backends, both proxies and wrk share the cores%n",
          cores, Runtime.version(), nginxVersion());
      System.out.printf("our proxy transport: %s%n", ours.transport());
      warmUp(viaOurs, viaNginx, connections);
      Series nginxRuns = new Series("nginx", nginx::cpuSeconds);
      Series ourRuns = new Series("pilothouse", CpuTime::self);
      Series directRuns = new Series("direct", () -> Double.NaN);
      for (int round = 0; round < rounds; round++) {
        boolean oursFirst = round % 2 == 0;
        measure(
            oursFirst ? ourRuns : nginxRuns, oursFirst ? viaOurs : viaNginx, connections, seconds);
        measure(
            oursFirst ? nginxRuns : ourRuns, oursFirst ? viaNginx : viaOurs, connections, seconds);
        measure(directRuns, direct, connections, seconds);
        System.err.printf("round %d/%d done%n", round + 1, rounds);
      }
      printThroughput(connections, seconds, rounds, nginxRuns, ourRuns, directRuns);
      printLatency(direct, viaNginx, viaOurs);
      printSplit(viaNginx, viaOurs);
    }
  }

  private static WeightedProxy startOurs(int port, int stable, int canary) {
    RouteTable table =
        RouteTable.builder()
            .listener(
                new Listener(SERVICE, port),
                List.of(
                    new Backend("127.0.0.1", stable, "stable", STABLE_WEIGHT),
                    new Backend("127.0.0.1", canary, "canary", CANARY_WEIGHT)))
            .build();
    return WeightedProxy.start(table, ProxyOptions.defaults(), new ProxyMetrics());
  }

  /**
   * Warms our proxy until its JIT settles: until two 4 s runs in a row cost within 5% of the same
   * CPU per request (at most 8 runs; on a loaded machine a fixed few seconds left the first round
   * still compiling). Then fills nginx's pools.
   */
  private static void warmUp(String viaOurs, String viaNginx, int connections) throws Exception {
    System.err.println("warming up (JIT for our proxy, pools for both)...");
    double previous = Double.MAX_VALUE;
    for (int run = 0; run < 8; run++) {
      double before = CpuTime.self();
      Wrk.Result result = Wrk.get(2, connections, 4, viaOurs);
      double micros = (CpuTime.self() - before) * 1e6 / (result.requestsPerSecond() * 4);
      System.err.printf("  warm-up run %d: %.1f µs per request%n", run + 1, micros);
      if (Math.abs(micros - previous) < 0.05 * micros) {
        break;
      }
      previous = micros;
    }
    Wrk.get(2, connections, 3, viaNginx);
  }

  private static void measure(Series series, String url, int connections, int seconds)
      throws Exception {
    double cpuBefore = series.cpuSeconds().getAsDouble();
    Wrk.Result result = Wrk.get(2, connections, seconds, url);
    double cpu = series.cpuSeconds().getAsDouble() - cpuBefore;
    if (result.non2xx() > 0 || result.socketErrors() > 0) {
      throw new IllegalStateException(series.name() + " had errors:\n" + result.raw());
    }
    series.runs().add(result);
    series.cpuPerRequest().add(cpu * 1e6 / (result.requestsPerSecond() * seconds));
  }

  private static void printThroughput(
      int connections, int seconds, int rounds, Series nginx, Series ours, Series direct) {
    System.out.println();
    System.out.printf(
        "Throughput: wrk -t2 -c%d, %d s per run, %d rounds alternating, median run shown%n%n",
        connections, seconds, rounds);
    System.out.println("| target | requests/s | p50 | p99 | proxy CPU per request |");
    System.out.println("|---|---|---|---|---|");
    for (Series s : List.of(direct, nginx, ours)) {
      Wrk.Result m = s.median();
      System.out.printf(
          "| %s | %,.0f | %.2f ms | %.2f ms | %.1f µs |%n",
          s.name(), m.requestsPerSecond(), m.p50Millis(), s.medianP99(), s.medianCpuMicros());
    }
    System.out.println();
    System.out.println(
        "| round | pilothouse / nginx requests/s | pilothouse / nginx p99 | pilothouse / nginx CPU"
            + " per request |");
    System.out.println("|---|---|---|---|");
    for (int i = 0; i < rounds; i++) {
      Wrk.Result n = nginx.runs().get(i);
      Wrk.Result o = ours.runs().get(i);
      System.out.printf(
          "| %d | %.2f× | %.2f× | %.2f× |%n",
          i + 1,
          o.requestsPerSecond() / n.requestsPerSecond(),
          o.p99Millis() / n.p99Millis(),
          ours.cpuPerRequest().get(i) / nginx.cpuPerRequest().get(i));
    }
    System.out.printf(
        "| median | %.2f× | %.2f× | %.2f× |%n",
        ours.median().requestsPerSecond() / nginx.median().requestsPerSecond(),
        ours.medianP99() / nginx.medianP99(),
        ours.medianCpuMicros() / nginx.medianCpuMicros());
  }

  private static void printLatency(String direct, String viaNginx, String viaOurs)
      throws Exception {
    System.out.println();
    System.out.println("Added latency: one connection, sequential requests (wrk -t1 -c1, 5 s)");
    System.out.println();
    System.out.println("| target | p50 | p99 | p50 added over direct |");
    System.out.println("|---|---|---|---|");
    Wrk.Result base = Wrk.get(1, 1, 5, direct);
    System.out.printf("| direct | %.3f ms | %.3f ms | - |%n", base.p50Millis(), base.p99Millis());
    for (String[] target :
        List.of(new String[] {"nginx", viaNginx}, new String[] {"pilothouse", viaOurs})) {
      Wrk.Result r = Wrk.get(1, 1, 5, target[1]);
      System.out.printf(
          "| %s | %.3f ms | %.3f ms | %.3f ms |%n",
          target[0], r.p50Millis(), r.p99Millis(), r.p50Millis() - base.p50Millis());
    }
  }

  private static void printSplit(String viaNginx, String viaOurs) throws InterruptedException {
    System.out.println();
    System.out.printf(
        "Weight accuracy: %,d requests from 8 clients, weights %d/%d%n%n",
        SPLIT_REQUESTS, STABLE_WEIGHT, CANARY_WEIGHT);
    System.out.println("| proxy | stable | canary | failures | canary share error |");
    System.out.println("|---|---|---|---|---|");
    for (String[] target :
        List.of(new String[] {"nginx", viaNginx}, new String[] {"pilothouse", viaOurs})) {
      WeightSplit.Counts counts = WeightSplit.measure(target[1], SPLIT_REQUESTS, 8);
      double expected = (double) CANARY_WEIGHT / (STABLE_WEIGHT + CANARY_WEIGHT);
      System.out.printf(
          "| %s | %d | %d | %d | %+.2f points |%n",
          target[0],
          counts.byVersion().getOrDefault("stable", 0L),
          counts.byVersion().getOrDefault("canary", 0L),
          counts.failures(),
          (counts.share("canary") - expected) * 100);
    }
  }

  private static String nginxVersion() throws Exception {
    Process p = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return out;
  }
}
