package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagChangesTest {
  static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  static JsonNode doc(String json) {
    return Json.parse(json.replace('\'', '"'));
  }

  static final JsonNode TWO_FLAGS =
      doc(
          "{'flags':{'a':{'state':'ENABLED','variants':{'on':true,'off':false},'defaultVariant':'on'},"
              + "'b':{'state':'ENABLED','variants':{'x':'1','y':'2'},'defaultVariant':'x'}}}");

  private static List<PlatformEvent> between(JsonNode before, JsonNode after) {
    return FlagChanges.between("prod", "checkout", before, after, "alice", 42, NOW);
  }

  @Test
  void aNewFlagSetMeansOneCreatedEventPerFlag() {
    List<PlatformEvent> events = between(null, TWO_FLAGS);

    assertThat(events)
        .extracting(PlatformEvent::type)
        .containsExactly("flag.created", "flag.created");
    assertThat(events)
        .extracting(PlatformEvent::subject)
        .containsExactly("FeatureFlag/a", "FeatureFlag/b");
    assertThat(events.getFirst().attributes())
        .containsEntry("newState", "ENABLED")
        .containsEntry("oldState", "")
        .containsEntry("actor", "alice")
        .containsEntry("environment", "prod")
        .containsEntry("resourceVersion", "42");
  }

  @Test
  void disablingOneFlagGivesOneDisabledEventWithOldAndNewState() {
    JsonNode after = TWO_FLAGS.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) after.path("flags").path("b"))
        .put("state", "DISABLED");

    List<PlatformEvent> events = between(TWO_FLAGS, after);

    assertThat(events).hasSize(1);
    PlatformEvent e = events.getFirst();
    assertThat(e.type()).isEqualTo("flag.disabled");
    assertThat(e.namespace()).isEqualTo("prod");
    assertThat(e.attributes())
        .containsEntry("flag", "b")
        .containsEntry("oldState", "ENABLED")
        .containsEntry("newState", "DISABLED")
        .containsEntry("changes", "state");
    assertThat(e.message()).isEqualTo("flag b disabled in prod by alice");
  }

  @Test
  void aChangedDefaultVariantAndTargetingAreNamedInAnUpdatedEvent() {
    JsonNode after = TWO_FLAGS.deepCopy();
    var b = (com.fasterxml.jackson.databind.node.ObjectNode) after.path("flags").path("b");
    b.put("defaultVariant", "y");
    b.set("targeting", doc("{'if':[true,'x']}"));

    PlatformEvent e = between(TWO_FLAGS, after).getFirst();

    assertThat(e.type()).isEqualTo("flag.updated");
    assertThat(e.attributes())
        .containsEntry("changes", "defaultVariant,targeting")
        .containsEntry("oldDefaultVariant", "x")
        .containsEntry("newDefaultVariant", "y");
  }

  @Test
  void enablingADisabledFlagIsAnEnabledEvent() {
    JsonNode before = TWO_FLAGS.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) before.path("flags").path("a"))
        .put("state", "DISABLED");

    assertThat(between(before, TWO_FLAGS))
        .extracting(PlatformEvent::type)
        .containsExactly("flag.enabled");
  }

  @Test
  void deletingTheSetDeletesEveryFlagAndAnUnchangedSetGivesNothing() {
    assertThat(between(TWO_FLAGS, null))
        .extracting(PlatformEvent::type)
        .containsExactly("flag.deleted", "flag.deleted");
    assertThat(between(TWO_FLAGS, TWO_FLAGS.deepCopy())).isEmpty();
  }
}
