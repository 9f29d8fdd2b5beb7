package dev.pilothouse.bench.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/** Sends requests through a proxy and counts which backend version answered each one. */
final class WeightSplit {
  private WeightSplit() {}

  /** What came back: answers per version (the backends answer their version in the body). */
  record Counts(Map<String, Long> byVersion, long failures) {
    double share(String version) {
      long total = byVersion.values().stream().mapToLong(Long::longValue).sum();
      return total == 0 ? 0 : (double) byVersion.getOrDefault(version, 0L) / total;
    }
  }

  /** Sends {@code requests} GETs to {@code url} from {@code clients} concurrent clients. */
  static Counts measure(String url, int requests, int clients) throws InterruptedException {
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    LongAdder failures = new LongAdder();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        int share = requests / clients + (c < requests % clients ? 1 : 0);
        pool.execute(() -> send(http, request, share, counts, failures));
      }
    }
    Map<String, Long> byVersion = new java.util.TreeMap<>();
    counts.forEach((version, n) -> byVersion.put(version, n.sum()));
    return new Counts(byVersion, failures.sum());
  }

  private static void send(
      HttpClient http,
      HttpRequest request,
      int count,
      Map<String, LongAdder> counts,
      LongAdder failures) {
    for (int i = 0; i < count; i++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          counts.computeIfAbsent(response.body().strip(), v -> new LongAdder()).increment();
        } else {
          failures.increment();
        }
      } catch (java.io.IOException e) {
        failures.increment();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
