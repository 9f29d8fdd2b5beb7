package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 7386 properties of {@link MergePatch} on random documents. */
class MergePatchPropertyTest {
  private final Random random = new Random(11);

  @Test
  void rfcExampleIsReproduced() {
    JsonNode target = Json.parse("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}");
    JsonNode patch = Json.parse("{\"a\":\"z\",\"c\":{\"f\":null}}");

    assertThat(MergePatch.apply(target, patch))
        .isEqualTo(Json.parse("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}"));
  }

  @Test
  void applyingTheSamePatchTwiceChangesNothingMore() {
    for (int i = 0; i < 2_000; i++) {
      JsonNode target = randomObject(3, false);
      JsonNode patch = randomObject(3, true);
      JsonNode once = MergePatch.apply(target, patch);

      assertThat(MergePatch.apply(once, patch)).isEqualTo(once);
    }
  }

  @Test
  void emptyPatchIsIdentityAndInputsAreNotModified() {
    for (int i = 0; i < 2_000; i++) {
      JsonNode target = randomObject(3, false);
      JsonNode copy = target.deepCopy();
      JsonNode patch = randomObject(2, true);
      JsonNode patchCopy = patch.deepCopy();

      assertThat(MergePatch.apply(target, Json.object())).isEqualTo(target);
      MergePatch.apply(target, patch);
      assertThat(target).isEqualTo(copy);
      assertThat(patch).isEqualTo(patchCopy);
    }
  }

  private ObjectNode randomObject(int depth, boolean withNulls) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      String key = "k" + random.nextInt(5);
      int kind = random.nextInt(depth > 0 ? 5 : 4);
      switch (kind) {
        case 0 -> node.put(key, random.nextInt(10));
        case 1 -> node.put(key, "s" + random.nextInt(3));
        case 2 -> node.putArray(key).add(random.nextInt(3));
        case 3 -> {
          if (withNulls) {
            node.putNull(key);
          } else {
            node.put(key, true);
          }
        }
        default -> node.set(key, randomObject(depth - 1, withNulls));
      }
    }
    return node;
  }
}
