package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncTriggerTest {
  @Test
  void aBurstOfRequestsDuringAPassLeavesExactlyOnePassQueued() throws Exception {
    SyncTrigger trigger = new SyncTrigger();

    boolean first = trigger.request();
    boolean second = trigger.request();
    boolean third = trigger.request();

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(third).isFalse();
    assertThat(trigger.awaitNext(Duration.ofSeconds(30))).isTrue();
    assertThat(trigger.pending()).isFalse();
    assertThat(trigger.awaitNext(Duration.ofMillis(50))).as("nothing left queued").isFalse();
  }

  @Test
  void aWaitingLoopWakesOnARequestLongBeforeItsInterval() throws Exception {
    SyncTrigger trigger = new SyncTrigger();
    CountDownLatch woke = new CountDownLatch(1);
    long[] waited = new long[1];
    Thread loop =
        Thread.ofVirtual()
            .start(() -> {
              long start = System.nanoTime();
              try {
                if (trigger.awaitNext(Duration.ofMinutes(5))) {
                  waited[0] = System.nanoTime() - start;
                  woke.countDown();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    Thread.sleep(100);
    trigger.request();

    assertThat(woke.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(waited[0])).isLessThan(Duration.ofSeconds(30));
    loop.join();
  }

  @Test
  void withoutARequestTheWaitEndsAtTheInterval() throws Exception {
    SyncTrigger trigger = new SyncTrigger();
    long start = System.nanoTime();

    boolean fired = trigger.awaitNext(Duration.ofMillis(200));

    assertThat(fired).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }
}
