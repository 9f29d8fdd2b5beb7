package dev.pilothouse.bench;

/**
 * Whole-system benchmark of the resource API on loopback: a real server on embedded PostgreSQL,
 * load from wrk in a separate process (creates, then gets), then watch delivery latency.
 *
 * <p>Usage: {@code ResourceApiBench [seconds] [connections]}. Prints a Markdown table.
 */
public final class ResourceApiBench {
  private ResourceApiBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    try (BenchServer bench = BenchServer.start()) {
      String token = bench.token();
      String url = bench.url();
      System.out.printf(
          "machine: %d cores, JDK %s; server and wrk share the cores%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version());
      Wrk.run("create.lua", 2, connections, 3, url, token, "warmup");
      Wrk.Result creates = Wrk.run("create.lua", 2, connections, seconds, url, token, "bench");
      String one = WatchLatency.createTarget(url, token, "bench", "get-target");
      Wrk.run("get.lua", 2, connections * 2, 3, url, token, one);
      Wrk.Result gets = Wrk.run("get.lua", 2, connections * 2, seconds, url, token, one);
      WatchLatency.Result watch = WatchLatency.measure(url, token, "latency", 2000, 200);
      System.out.println();
      System.out.println("| measure | result | target |");
      System.out.println("|---|---|---|");
      System.out.printf(
          "| creates/s (%d conns, %d s) | %.0f (p99 %.1f ms, non-2xx %d) | >= 5,000 |%n",
          connections, seconds, creates.requestsPerSecond(), creates.p99Millis(), creates.non2xx());
      System.out.printf(
          "| gets/s (%d conns, %d s) | %.0f (p99 %.1f ms, non-2xx %d) | >= 20,000 |%n",
          connections * 2, seconds, gets.requestsPerSecond(), gets.p99Millis(), gets.non2xx());
      System.out.printf(
          "| watch delivery (%d events at 200/s) | p50 %.2f ms, p99 %.2f ms, max %.2f ms | p99 <= 50 ms |%n",
          watch.events(), watch.p50(), watch.p99(), watch.max());
    }
  }
}
