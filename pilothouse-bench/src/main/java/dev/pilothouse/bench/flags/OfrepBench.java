package dev.pilothouse.bench.flags;

import dev.pilothouse.bench.BenchServer;
import dev.pilothouse.bench.Wrk;
import dev.pilothouse.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * OFREP single-flag evaluations per second on loopback: a real server on embedded PostgreSQL with
 * the benchmark's three flags, load from wrk in a separate process, one flag per run.
 *
 * <p>Usage: {@code OfrepBench [seconds] [connections]}. Prints a Markdown table.
 */
public final class OfrepBench {
  private OfrepBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    try (BenchServer bench = BenchServer.start()) {
      String token = bench.token();
      String url = bench.url();
      storeFlags(url, token);
      String context =
          "{\"context\":{\"targetingKey\":\"user-123\",\"tier\":\"gold\",\"country\":\"fr\","
              + "\"age\":42}}";
      System.out.printf(
          "machine: %d cores, JDK %s; server and wrk share the cores%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version());
      // JIT warm-up on every path before anything is measured.
      for (String flag : new String[] {"static-flag", "targeted-flag", "fractional-flag"}) {
        Wrk.run(
            "ofrep.lua",
            2,
            connections,
            5,
            url,
            token,
            "/ofrep/v1/evaluate/flags/" + flag,
            context);
      }
      // A baseline in the same run: the cheapest endpoint, so the ratio survives a busy machine.
      Wrk.Result health = Wrk.get(2, connections, seconds, url + "/healthz");
      System.out.println();
      System.out.println("| endpoint | requests/s | vs /healthz | p50 | p99 | non-2xx |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.printf(
          "| GET /healthz (baseline) | %.0f | 1.00 | %.2f ms | %.2f ms | %d |%n",
          health.requestsPerSecond(), health.p50Millis(), health.p99Millis(), health.non2xx());
      for (String flag : new String[] {"static-flag", "targeted-flag", "fractional-flag"}) {
        String path = "/ofrep/v1/evaluate/flags/" + flag;
        Wrk.Result r = Wrk.run("ofrep.lua", 2, connections, seconds, url, token, path, context);
        System.out.printf(
            "| POST %s | %.0f | %.2f | %.2f ms | %.2f ms | %d |%n",
            path,
            r.requestsPerSecond(),
            r.requestsPerSecond() / health.requestsPerSecond(),
            r.p50Millis(),
            r.p99Millis(),
            r.non2xx());
      }
    }
  }

  private static void storeFlags(String url, String token) throws Exception {
    String doc =
        Json.write(
            Map.of(
                "apiVersion",
                "pilothouse.dev/v1alpha1",
                "kind",
                "FeatureFlagSet",
                "metadata",
                Map.of("name", "bench"),
                "spec",
                Json.parse(FlagEvaluationBench.FLAGS)));
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            url
                                + "/apis/pilothouse.dev/v1alpha1/namespaces/default/featureflagsets"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(doc))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 201) {
      throw new IllegalStateException("could not store the flags: " + res.body());
    }
  }
}
