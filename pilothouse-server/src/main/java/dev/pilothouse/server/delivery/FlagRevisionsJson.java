package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.FlagHistory;
import dev.pilothouse.core.delivery.FlagRevision;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.resource.Resource;
import java.util.List;

/**
 * The {@code .../revisions} body of a flag rollout ({@code "type": "flag"}): its updates derived by
 * {@link FlagHistory} from the rollout's events and its status.
 */
final class FlagRevisionsJson {
  /** How many of a rollout's most recent events the history is derived from. */
  static final int EVENTS = 2000;

  private FlagRevisionsJson() {}

  static void write(EventLog events, Resource rollout, ObjectNode body) {
    List<PlatformEvent> newestFirst =
        events.query(
            new EventQuery(
                rollout.namespace(), "Rollout/" + rollout.name(), null, "rollout.", EVENTS));
    List<FlagRevision> history =
        FlagHistory.of(newestFirst.reversed(), rollout.status().path("stableRS").asText(""));
    body.put("type", "flag");
    ArrayNode items = body.putArray("items");
    history.forEach(r -> item(items.addObject(), r));
  }

  private static void item(ObjectNode item, FlagRevision r) {
    item.put("revision", r.revision())
        .put("canaryVariant", r.canaryVariant())
        .put("stableVariant", r.stableVariant())
        .put("hash", r.hash())
        .put("started", r.started().toString())
        .put("outcome", r.outcome().label())
        .put("triggeredBy", r.triggeredBy());
    r.ended().ifPresent(t -> item.put("ended", t.toString()));
  }
}
