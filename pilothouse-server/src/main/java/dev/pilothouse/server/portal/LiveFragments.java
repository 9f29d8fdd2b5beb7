package dev.pilothouse.server.portal;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.tenancy.Principal;
import java.time.Clock;
import java.util.Map;

/**
 * Renders a watch event into the message a page applies: {@code upsert} replaces (or inserts) the
 * element with the given id by freshly rendered HTML, {@code remove} deletes it, {@code reload}
 * asks for a full page load. HTML comes from the same templates as the page itself.
 */
final class LiveFragments {
  private final Views views;
  private final Clock clock;
  private final DeliveryFragments delivery;

  /**
   * One event for the page.
   *
   * @param type the SSE event name
   * @param json its one-line JSON data
   */
  record Message(String type, String json) {
    static Message reload() {
      return new Message("reload", "{}");
    }
  }

  LiveFragments(Views views, Clock clock, DeliveryFragments delivery) {
    this.views = views;
    this.clock = clock;
    this.delivery = delivery;
  }

  Message of(LiveQuery q, WatchEvent event, Principal who) {
    if (LiveEvents.DELIVERY_VIEWS.contains(q.view())) {
      return delivery.of(q, event, who);
    }
    boolean deleted = event.type() == WatchEvent.Type.DELETED;
    if (LiveEvents.OBJECT.equals(q.view())) {
      ObjectView view =
          deleted
              ? ObjectView.deleted(event.object(), clock.instant())
              : ObjectView.of(event.object(), clock.instant());
      return upsert(view.id(), views.render("objectBody.jte", Map.of("view", view)));
    }
    ObjectRow row = ObjectRow.of(q.kind(), event.object(), clock.instant());
    if (deleted) {
      return new Message("remove", Json.write(Json.object().put("id", row.id())));
    }
    return upsert(row.id(), views.render("row.jte", Map.of("row", row, "kind", q.kind())));
  }

  static Message upsert(String id, String html) {
    return new Message("upsert", Json.write(Json.object().put("id", id).put("html", html.trim())));
  }
}
