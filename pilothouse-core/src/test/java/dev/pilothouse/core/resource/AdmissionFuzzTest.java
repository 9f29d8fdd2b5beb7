package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to valid documents: every create either succeeds or fails with a typed error, and a
 * failed create stores nothing.
 */
class AdmissionFuzzTest {
  private static final List<JsonNode> JUNK =
      List.of(
          Json.parse("null"),
          Json.parse("7"),
          Json.parse("\"x\""),
          Json.parse("[]"),
          Json.parse("{}"),
          Json.parse("[{\"a\":1}]"),
          Json.parse("-1"),
          Json.parse("\"Not_A_Name\""),
          Json.parse("true"));
  private static final List<String> FIELDS =
      List.of(
          "apiVersion",
          "kind",
          "metadata",
          "name",
          "namespace",
          "labels",
          "annotations",
          "spec",
          "replicas",
          "selector",
          "template",
          "ports",
          "port",
          "data",
          "status",
          "resourceVersion",
          "generateName");

  @Test
  void damagedDocumentsAreAcceptedOrRejectedWithATypedErrorAndNothingHalfStored() {
    KindRegistry kinds = KindRegistry.builtin();
    InMemoryResourceStore store = new InMemoryResourceStore();
    ResourceService service = new ResourceService(kinds, store, Clock.systemUTC());
    Random random = new Random(99);
    List<KindInfo> targets =
        List.of(
            kinds.byPath("", "v1", "services"),
            kinds.byPath("apps", "v1", "deployments"),
            kinds.byPath("", "v1", "configmaps"));
    int accepted = 0;
    for (int i = 0; i < 3_000; i++) {
      KindInfo kind = targets.get(random.nextInt(targets.size()));
      ObjectNode doc = valid(kind, i);
      damage(doc, random);
      long before = store.currentVersion();
      try {
        service.create(kind, "fuzz", doc, Actor.SYSTEM);
        accepted++;
      } catch (PilothouseException e) {
        assertThat(e.getMessage()).isNotBlank();
        assertThat(store.currentVersion()).isEqualTo(before);
      }
    }
    assertThat(accepted).isBetween(1, 2_999);
  }

  private static ObjectNode valid(KindInfo kind, int i) {
    String spec =
        switch (kind.kind()) {
          case "Service" -> ",\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80}]}";
          case "Deployment" ->
              ",\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\"}]}}}";
          default -> ",\"data\":{\"k\":\"v\"}";
        };
    return (ObjectNode)
        Json.parse(
            "{\"apiVersion\":\""
                + kind.apiVersion()
                + "\",\"kind\":\""
                + kind.kind()
                + "\",\"metadata\":{\"name\":\"obj-"
                + i
                + "\",\"labels\":{\"app\":\"web\"}}"
                + spec
                + "}");
  }

  private static void damage(JsonNode node, Random random) {
    if (!(node instanceof ObjectNode object) || random.nextInt(3) == 0) {
      return;
    }
    String field = FIELDS.get(random.nextInt(FIELDS.size()));
    if (object.has(field) && random.nextBoolean()) {
      damage(object.get(field), random);
    } else if (random.nextBoolean()) {
      object.set(field, JUNK.get(random.nextInt(JUNK.size())).deepCopy());
    } else {
      object.remove(field);
    }
    List.copyOf(object.properties()).forEach(e -> damage(e.getValue(), random));
  }
}
