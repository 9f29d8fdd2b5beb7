package dev.pilothouse.proxy;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one (service, version): cumulative for Prometheus, windowed for analysis. */
final class VersionStats {

  final LongAdder[] byClass = adders(CodeClass.values().length);
  final LongAdder[] byBucket = adders(LatencyBuckets.COUNT);
  final DoubleAdder secondsSum = new DoubleAdder();
  final SlidingWindow window = new SlidingWindow();

  void record(long epochSecond, int status, long nanos) {
    CodeClass codeClass = CodeClass.of(status);
    int bucket = LatencyBuckets.index(nanos);
    byClass[codeClass.ordinal()].increment();
    byBucket[bucket].increment();
    secondsSum.add(nanos / 1e9);
    window.record(epochSecond, codeClass, bucket);
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
