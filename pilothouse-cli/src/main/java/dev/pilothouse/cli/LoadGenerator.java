package dev.pilothouse.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded open-loop HTTP load generator: GETs {@code target} at a fixed rate for a fixed time,
 * with at most {@code concurrency} requests in flight (a request that would exceed it is counted as
 * skipped, never queued), and reports progress once a second. Answers that are JSON with a {@code
 * "version"} field (the demo app's) are counted per version.
 */
public final class LoadGenerator {
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,64})\"");

  private final URI target;
  private final int rate;
  private final Duration duration;
  private final int concurrency;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final LongAdder sent = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder otherStatus = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Map<String, LongAdder> versions = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> versionErrors = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /** Progress (or the final totals) of a run. */
  public record Totals(
      long elapsedMillis,
      long sent,
      long ok,
      long serverErrors,
      long otherStatus,
      long failed,
      long skipped,
      Map<String, Long> versions,
      Map<String, Long> versionErrors) {

    /** One line for a terminal. */
    public String line() {
      StringBuilder b =
          new StringBuilder(
              String.format(
                  "%5.1fs sent %d  2xx %d  5xx %d  other %d  failed %d  skipped %d",
                  elapsedMillis / 1000.0, sent, ok, serverErrors, otherStatus, failed, skipped));
      if (!versions.isEmpty()) {
        b.append("  by version:");
        versions.forEach((v, n) ->
            b.append(' ')
                .append(v)
                .append('=')
                .append(n)
                .append(
                    versionErrors.getOrDefault(v, 0L) > 0
                        ? " (" + versionErrors.get(v) + " errors)"
                        : ""));
      }
      return b.toString();
    }
  }

  /** A generator; arguments are checked by the caller ({@code pilothouse load}). */
  public LoadGenerator(URI target, int rate, Duration duration, int concurrency) {
    this.target = target;
    this.rate = rate;
    this.duration = duration;
    this.concurrency = concurrency;
  }

  /** Runs to the end (or {@link #stop}), calling {@code progress} every second; returns totals. */
  public Totals run(Consumer<Totals> progress) {
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long next = start;
      while (!stopped && next < end) {
        long now = System.nanoTime();
        if (now < next) {
          TimeUnit.NANOSECONDS.sleep(Math.min(next - now, nextReport - now));
          if (System.nanoTime() < next && System.nanoTime() < nextReport) {
            continue;
          }
        }
        if (System.nanoTime() >= nextReport) {
          progress.accept(totals(start));
          nextReport += TimeUnit.SECONDS.toNanos(1);
        }
        if (System.nanoTime() < next) {
          continue;
        }
        next += interval;
        sent.increment();
        if (!inFlight.tryAcquire()) {
          skipped.increment();
          continue;
        }
        pool.submit(() -> {
          try {
            one();
          } finally {
            inFlight.release();
          }
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return totals(start);
  }

  /** Ends a run early (from another thread). */
  public void stop() {
    stopped = true;
  }

  private void one() {
    try {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      int status = res.statusCode();
      Matcher m = VERSION.matcher(res.body() == null ? "" : res.body());
      String version = m.find() ? m.group(1) : null;
      if (version != null) {
        versions.computeIfAbsent(version, v -> new LongAdder()).increment();
      }
      if (status >= 200 && status < 300) {
        ok.increment();
      } else if (status >= 500) {
        serverErrors.increment();
        if (version != null) {
          versionErrors.computeIfAbsent(version, v -> new LongAdder()).increment();
        }
      } else {
        otherStatus.increment();
      }
    } catch (java.io.IOException e) {
      failed.increment();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.increment();
    }
  }

  private Totals totals(long start) {
    Map<String, Long> byVersion = new TreeMap<>();
    versions.forEach((v, n) -> byVersion.put(v, n.sum()));
    Map<String, Long> errors = new TreeMap<>();
    versionErrors.forEach((v, n) -> errors.put(v, n.sum()));
    return new Totals(
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        sent.sum(),
        ok.sum(),
        serverErrors.sum(),
        otherStatus.sum(),
        failed.sum(),
        skipped.sum(),
        byVersion,
        errors);
  }
}
