package dev.pilothouse.server.api;

import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code GET /api/v1/events?namespace=&service=&subject=&type=&limit=}: the platform timeline,
 * newest first. Without a namespace only platform admins may read (events span every team).
 */
public final class EventsApi implements HttpService {
  private final EventLog events;
  private final Authenticator auth;
  private final Authorizer authorizer;

  /** Creates the endpoint. */
  public EventsApi(EventLog events, Authenticator auth, Authorizer authorizer) {
    this.events = events;
    this.auth = auth;
    this.authorizer = authorizer;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/events", this::list);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.query().first("namespace").orElse(null);
    if (namespace == null) {
      authorizer.requirePlatformAdmin(p);
    } else {
      authorizer.require(p, Access.READ, namespace);
    }
    String limitText = req.query().first("limit").orElse("100");
    int limit = (int) ResourceApi.parseVersion("limit", limitText);
    if (limit < 1 || limit > 1000) {
      throw ValidationException.of("limit", "must be 1..1000");
    }
    EventQuery query =
        new EventQuery(
            namespace,
            req.query().first("subject").orElse(null),
            req.query().first("service").orElse(null),
            req.query().first("type").orElse(null),
            limit);
    Responses.json(res, Map.of("items", events.query(query)));
  }
}
