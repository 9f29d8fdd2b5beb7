package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixedWatchTest {

  private static Resource cm(String name, long rv) {
    return Resource.of(
        Json.parse(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                + name
                + "\",\"namespace\":\"ns\",\"resourceVersion\":\""
                + rv
                + "\"}}"));
  }

  @Test
  void liveEventsTheListAlreadyShowedAreDroppedAndNewerOnesPass() throws Exception {
    Deque<WatchEvent> live =
        new ArrayDeque<>(
            List.of(
                new WatchEvent(WatchEvent.Type.ADDED, cm("a", 5)),
                new WatchEvent(WatchEvent.Type.MODIFIED, cm("a", 7)),
                new WatchEvent(WatchEvent.Type.ADDED, cm("b", 6))));
    Watch fake =
        new Watch() {
          @Override
          public WatchEvent next(Duration timeout) {
            return live.poll();
          }

          @Override
          public void close() {}
        };

    try (PrefixedWatch watch = new PrefixedWatch(List.of(cm("a", 5)), fake)) {
      assertThat(watch.next(Duration.ZERO).object().resourceVersion()).isEqualTo(5);
      assertThat(watch.next(Duration.ZERO).object().resourceVersion()).isEqualTo(7);
      assertThat(watch.next(Duration.ZERO).object().name()).isEqualTo("b");
      assertThat(watch.next(Duration.ZERO)).isNull();
    }
  }
}
