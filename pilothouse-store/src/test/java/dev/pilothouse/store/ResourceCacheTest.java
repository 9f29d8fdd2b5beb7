package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.resource.WatchHub.StoredEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceCacheTest {
  private static final ResourceKey KEY = new ResourceKey("example.dev", "Widget", "shop", "a");

  private final ResourceCache cache = new ResourceCache();

  @Test
  void aFillReadBeforeADeletionWasAppliedIsRefused() {
    cache.apply(List.of(event(WatchEvent.Type.DELETED, 5)));

    cache.fill(KEY, widget(4), 3);

    assertThat(cache.get(KEY, 5)).isNull();
  }

  @Test
  void aFillReadBeforeAChangeToAnUncachedObjectIsRefused() {
    cache.apply(List.of(event(WatchEvent.Type.MODIFIED, 5)));

    cache.fill(KEY, widget(4), 3);

    assertThat(cache.get(KEY, 5)).isNull();
  }

  @Test
  void eventsKeepAFilledEntryCurrentAndNeverMoveItBack() {
    cache.fill(KEY, widget(4), 4);
    cache.apply(List.of(event(WatchEvent.Type.MODIFIED, 6)));
    cache.fill(KEY, widget(5), 4);

    assertThat(cache.get(KEY, 6).resourceVersion()).isEqualTo(6);

    cache.apply(List.of(event(WatchEvent.Type.DELETED, 7)));
    assertThat(cache.get(KEY, 7)).isNull();
  }

  @Test
  void getsBypassTheCacheUntilThisProcesssWritesArePublished() {
    cache.fill(KEY, widget(4), 4);
    cache.wrote(6);

    assertThat(cache.get(KEY, 5)).isNull();
    assertThat(cache.get(KEY, 6)).isNotNull();
  }

  private static Resource widget(long version) {
    ObjectNode doc = Json.object().put("apiVersion", "example.dev/v1").put("kind", "Widget");
    doc.putObject("metadata").put("name", "a").put("namespace", "shop");
    return Resource.of(doc).withResourceVersion(version);
  }

  private static StoredEvent event(WatchEvent.Type type, long version) {
    return new StoredEvent(KEY, new WatchEvent(type, widget(version)));
  }
}
