package dev.pilothouse.server.flags;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * Flag operations under {@code /api/v1}:
 *
 * <ul>
 *   <li>{@code GET /namespaces/{ns}/flags} and {@code .../flags/{key}}: flags as served;
 *   <li>{@code PUT /namespaces/{ns}/flags/{key}[?flagSet=NAME]}: set a flag's definition;
 *   <li>{@code POST /namespaces/{ns}/flags/{key}:enable} and {@code :disable};
 *   <li>{@code POST /flags/{key}:kill}: disable it in every environment;
 *   <li>{@code GET /flags/{key}/history[?environment=NS&limit=N]}: who changed what, when.
 * </ul>
 */
public final class FlagsApi implements HttpService {
  private final FlagOperations flags;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Bodies bodies;

  /** Creates the API. */
  public FlagsApi(FlagOperations flags, Authenticator auth, Authorizer authorizer, Bodies bodies) {
    this.flags = flags;
    this.auth = auth;
    this.authorizer = authorizer;
    this.bodies = bodies;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/namespaces/{namespace}/flags", this::list)
        .get("/namespaces/{namespace}/flags/{key}", this::get)
        .put("/namespaces/{namespace}/flags/{key}", this::put)
        .post("/namespaces/{namespace}/flags/{target}", this::action)
        .post("/flags/{target}", this::kill)
        .get("/flags/{key}/history", this::history);
  }

  private void list(ServerRequest req, ServerResponse res) {
    String namespace = namespace(req, Access.READ);
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    flags.list(namespace).forEach(f -> items.add(f.toJson()));
    Responses.json(res, body);
  }

  private void get(ServerRequest req, ServerResponse res) {
    String namespace = namespace(req, Access.READ);
    Responses.json(res, flags.get(namespace, param(req, "key")).toJson());
  }

  private void put(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = param(req, "namespace");
    authorizer.require(p, Access.WRITE, namespace);
    String flagSet = req.query().first("flagSet").orElse(null);
    var result =
        flags.set(namespace, param(req, "key"), flagSet, bodies.read(req), new Actor(p.user()));
    Responses.json(res, result.toJson());
  }

  private void action(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = param(req, "namespace");
    authorizer.require(p, Access.WRITE, namespace);
    String[] target = split(param(req, "target"), "use POST .../flags/{key}:{enable|disable}");
    boolean enabled =
        switch (target[1]) {
          case "enable" -> true;
          case "disable" -> false;
          default -> throw new NotFoundException("unknown flag action '" + target[1] + "'");
        };
    Responses.json(
        res, flags.setState(namespace, target[0], enabled, new Actor(p.user())).toJson());
  }

  private void kill(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String[] target = split(param(req, "target"), "use POST /api/v1/flags/{key}:kill");
    if (!target[1].equals("kill")) {
      throw new NotFoundException("unknown flag action '" + target[1] + "'");
    }
    var killed =
        flags.kill(target[0], ns -> authorizer.require(p, Access.WRITE, ns), new Actor(p.user()));
    ObjectNode body = Json.object().put("key", target[0]);
    ArrayNode items = body.putArray("environments");
    killed.forEach(k ->
        items
            .addObject()
            .put("environment", k.environment())
            .put("flagSet", k.flagSet())
            .put("previousState", k.previousState())
            .put("state", "DISABLED"));
    Responses.json(res, body);
  }

  private void history(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String key = param(req, "key");
    String environment = req.query().first("environment").orElse(null);
    int limit = limit(req.query().first("limit").orElse("100"));
    List<PlatformEvent> events;
    if (environment != null) {
      authorizer.require(p, Access.READ, environment);
      events = flags.history(key, environment, limit);
    } else {
      // Across environments: only those the caller may read.
      events =
          flags.history(key, null, limit).stream()
              .filter(e -> authorizer.allows(p, Access.READ, e.namespace()))
              .toList();
    }
    Responses.json(res, java.util.Map.of("items", events));
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of("limit", "must be a number 1..1000, got '" + text + "'");
  }

  private String namespace(ServerRequest req, Access access) {
    Principal p = auth.require(req);
    String namespace = param(req, "namespace");
    authorizer.require(p, access, namespace);
    return namespace;
  }

  private static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  private static String[] split(String target, String usage) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0) {
      throw new NotFoundException(usage);
    }
    return new String[] {target.substring(0, colon), target.substring(colon + 1)};
  }
}
