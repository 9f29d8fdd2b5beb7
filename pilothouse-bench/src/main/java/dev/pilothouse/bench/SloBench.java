package dev.pilothouse.bench;

import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.core.slo.RuleFiles;
import dev.pilothouse.core.slo.RuleGroup;
import dev.pilothouse.core.slo.Slo;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.core.slo.SloBudgets;
import dev.pilothouse.core.slo.SloDocuments;
import dev.pilothouse.core.slo.SloResources;
import dev.pilothouse.core.slo.SloRules;
import dev.pilothouse.server.slo.PrometheusQueries;
import dev.pilothouse.server.slo.SloBudgetService;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SLO costs: (1) generating rules for N SLOs (parse a Sloth spec, generate, write YAML), median of
 * rounds after warm-up; (2) live budgets for M SLOs against a real Prometheus ({@code
 * /usr/bin/prometheus}) evaluating their generated rules over a scraped test app: round trips
 * counted by the client and by a counting proxy in front of Prometheus, and wall time, compared
 * with asking per SLO per window.
 *
 * <p>Usage: {@code SloBench [generateCount=1000] [budgetCount=100] [rounds=5]}.
 */
public final class SloBench {
  private SloBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int generateCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int budgetCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    generate(generateCount, rounds);
    budgets(budgetCount, rounds);
  }

  static String spec(int count) {
    StringBuilder s = new StringBuilder("version: prometheus/v1\nservice: bench\nslos:\n");
    for (int i = 0; i < count; i++) {
      s.append(
          """
            - name: slo-%1$d
              objective: 99.9
              sli:
                events:
                  errorQuery: sum(rate(http_requests_total{job="app-%1$d",status=~"5.."}[{{.window}}]))
                  totalQuery: sum(rate(http_requests_total{job="app-%1$d"}[{{.window}}]))
              alerting:
                name: App%1$dAvailability
          """
              .formatted(i));
    }
    return s.toString();
  }

  private static void generate(int count, int rounds) {
    String spec = spec(count);
    long[] parse = new long[rounds];
    long[] rules = new long[rounds];
    long[] yaml = new long[rounds];
    int size = 0;
    for (int warm = 0; warm < 3; warm++) {
      RuleFiles.ruleFileYaml(SloRules.generate(SloDocuments.read(spec, "bench")));
    }
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<Slo> slos = SloDocuments.read(spec, "bench");
      long t1 = System.nanoTime();
      List<RuleGroup> groups = SloRules.generate(slos);
      long t2 = System.nanoTime();
      size = RuleFiles.ruleFileYaml(groups).length();
      long t3 = System.nanoTime();
      parse[r] = t1 - t0;
      rules[r] = t2 - t1;
      yaml[r] = t3 - t2;
    }
    System.out.printf(
        "generate %d SLOs: parse %.1f ms, generate %.1f ms, write YAML %.1f ms, total %.1f ms"
            + " (median of %d; rule file %d KiB)%n",
        count,
        median(parse) / 1e6,
        median(rules) / 1e6,
        median(yaml) / 1e6,
        (median(parse) + median(rules) + median(yaml)) / 1e6,
        rounds,
        size / 1024);
  }

  private static void budgets(int count, int rounds) throws Exception {
    Path prometheusBinary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(prometheusBinary)) {
      System.out.println("budget query: skipped (needs /usr/bin/prometheus)");
      return;
    }
    List<SloResources.Stored> slos =
        SloDocuments.read(spec(count), "bench").stream()
            .map(s -> new SloResources.Stored("bench", "PrometheusServiceLevel", "bench", s))
            .toList();
    Path dir = Files.createTempDirectory("slo-bench-");
    Files.writeString(
        dir.resolve("rules.yml"),
        RuleFiles.ruleFileYaml(
            SloRules.generate(slos.stream().map(SloResources.Stored::slo).toList())));
    HttpServer app = app(count);
    int port = freePort();
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        rule_files: ["%s"]
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: bench
            honor_labels: true
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        """
            .formatted(dir.resolve("rules.yml"), app.getAddress().getPort()));
    Process prometheus =
        new ProcessBuilder(
                prometheusBinary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    AtomicLong proxied = new AtomicLong();
    HttpServer counter = countingProxy("http://127.0.0.1:" + port, proxied);
    String url = "http://127.0.0.1:" + counter.getAddress().getPort();
    try {
      PrometheusQueries queries = new PrometheusQueries(HttpClient.newHttpClient());
      SloBudgetService service = new SloBudgetService(null, queries, url);
      awaitData(service, slos);
      long[] batched = new long[rounds];
      long before = queries.roundTrips();
      long proxiedBefore = proxied.get();
      List<SloBudget> last = List.of();
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        last = service.budgets(slos, null);
        batched[r] = System.nanoTime() - t0;
      }
      long tripsPerCall = (queries.roundTrips() - before) / rounds;
      long seenPerCall = (proxied.get() - proxiedBefore) / rounds;
      long withData = last.stream().filter(b -> b.state() != SloBudget.State.NoData).count();
      long[] naive = new long[rounds];
      long naiveBefore = queries.roundTrips();
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (SloResources.Stored s : slos) {
          for (String w : SloBudgets.windows(List.of(s))) {
            queries.instant(url, SloBudgets.ratioQuery(w) + "{sloth_id=\"" + s.slo().id() + "\"}");
          }
        }
        naive[r] = System.nanoTime() - t0;
      }
      long naiveTrips = (queries.roundTrips() - naiveBefore) / rounds;
      System.out.printf(
          "budget query %d SLOs (%d with data): %d round trips per call (%d windows + 1 alerts;"
              + " Prometheus saw %d), %.1f ms median%n",
          count,
          withData,
          tripsPerCall,
          SloBudgets.windows(slos).size(),
          seenPerCall,
          median(batched) / 1e6);
      System.out.printf(
          "  per SLO per window instead: %d round trips, %.1f ms median (%.1fx slower)%n",
          naiveTrips, median(naive) / 1e6, (double) median(naive) / median(batched));
    } finally {
      prometheus.destroy();
      prometheus.waitFor();
      counter.stop(0);
      app.stop(0);
    }
  }

  private static void awaitData(SloBudgetService service, List<SloResources.Stored> slos)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        List<SloBudget> b = service.budgets(slos, null);
        if (b.stream().allMatch(x -> x.state() != SloBudget.State.NoData)) {
          return;
        }
      } catch (RuntimeException notReady) {
        // Prometheus still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Prometheus never had data for every SLO");
  }

  /** A scrape target with 1% errors for each of {@code count} jobs. */
  private static HttpServer app(int count) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicLong scrapes = new AtomicLong();
    server.createContext(
        "/metrics",
        exchange -> {
          long n = scrapes.incrementAndGet();
          StringBuilder out = new StringBuilder("# TYPE http_requests_total counter\n");
          for (int i = 0; i < count; i++) {
            out.append(
                "http_requests_total{job=\"app-%d\",status=\"200\"} %d%n".formatted(i, n * 99));
            out.append("http_requests_total{job=\"app-%d\",status=\"500\"} %d%n".formatted(i, n));
          }
          byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
    return server;
  }

  /** Forwards GETs to Prometheus and counts them, so round trips are seen from the other side. */
  private static HttpServer countingProxy(String target, AtomicLong count) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          count.incrementAndGet();
          try {
            HttpResponse<byte[]> r =
                client.send(
                    HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.sendResponseHeaders(r.statusCode(), r.body().length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(r.body());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
          }
        });
    server.start();
    return server;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
