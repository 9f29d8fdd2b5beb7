package dev.pilothouse.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one (service, version): cumulative for Prometheus, windowed for analysis. */
final class VersionStats {

  final LongAdder[] byClass = adders(CodeClass.values().length);
  final LongAdder[] byBucket = adders(LatencyBuckets.COUNT);
  final DoubleAdder secondsSum = new DoubleAdder();
  private final SlidingWindow[] windows = windows(Stripes.COUNT); // one per stripe: no contention

  void record(long epochSecond, int status, long nanos) {
    CodeClass codeClass = CodeClass.of(status);
    int bucket = LatencyBuckets.index(nanos);
    byClass[codeClass.ordinal()].increment();
    byBucket[bucket].increment();
    secondsSum.add(nanos / 1e9);
    windows[Stripes.index()].record(epochSecond, codeClass, bucket);
  }

  /** Sums the windowed counts of every stripe over {@code (nowSecond - window, nowSecond]}. */
  SlidingWindow.Totals totals(long nowSecond, Duration window) {
    SlidingWindow.Totals sum = windows[0].totals(nowSecond, window);
    for (int i = 1; i < windows.length; i++) {
      sum = sum.plus(windows[i].totals(nowSecond, window));
    }
    return sum;
  }

  private static SlidingWindow[] windows(int n) {
    SlidingWindow[] windows = new SlidingWindow[n];
    for (int i = 0; i < n; i++) {
      windows[i] = new SlidingWindow();
    }
    return windows;
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
