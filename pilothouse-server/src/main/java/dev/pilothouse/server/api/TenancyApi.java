package dev.pilothouse.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Labels;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.ApiToken;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.core.tenancy.Role;
import dev.pilothouse.core.tenancy.TenancyRepository;
import dev.pilothouse.core.tenancy.Tokens;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * Teams, users, memberships, namespace ownership, API tokens and the audit log under {@code
 * /api/v1}. Platform admins manage users and tokens of anyone; team admins manage their team's
 * members and namespaces; users may create and revoke their own tokens.
 */
public final class TenancyApi implements HttpService {
  private final TenancyRepository tenancy;
  private final AuditLog audit;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Bodies bodies;

  /** Creates the API. */
  public TenancyApi(
      TenancyRepository tenancy,
      AuditLog audit,
      Authenticator auth,
      Authorizer authorizer,
      Bodies bodies) {
    this.tenancy = tenancy;
    this.audit = audit;
    this.auth = auth;
    this.authorizer = authorizer;
    this.bodies = bodies;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/whoami", this::whoami)
        .get("/teams", (req, res) -> list(req, res, tenancy.teams()))
        .post("/teams", this::createTeam)
        .get(
            "/teams/{team}/members",
            (req, res) ->
                list(req, res, tenancy.memberships(req.path().pathParameters().get("team"))))
        .put("/teams/{team}/members/{user}", this::setMember)
        .delete("/teams/{team}/members/{user}", this::removeMember)
        .get("/users", (req, res) -> list(req, res, tenancy.users()))
        .post("/users", this::createUser)
        .post("/users/{user}/tokens", this::createToken)
        .get("/tokens", this::tokens)
        .delete("/tokens/{id}", this::revoke)
        .get("/namespaces", this::namespaces)
        .put("/namespaces/{namespace}/owner", this::assignNamespace)
        .get("/audit", this::audit);
  }

  private void whoami(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    ObjectNode body = Json.object().put("user", p.user()).put("platformAdmin", p.platformAdmin());
    ObjectNode teams = body.putObject("teams");
    p.teamRoles()
        .forEach((team, role) -> teams.put(team, role.name().toLowerCase(java.util.Locale.ROOT)));
    Responses.json(res, body);
  }

  private void list(ServerRequest req, ServerResponse res, Object items) {
    auth.require(req);
    Responses.json(res, Map.of("items", items));
  }

  private void createTeam(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    authorizer.requirePlatformAdmin(p);
    String name = requiredName(bodies.read(req), "name");
    Responses.json(res, 201, tenancy.createTeam(name, actor(p)));
    auth.invalidate();
  }

  private void setMember(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String team = req.path().pathParameters().get("team");
    authorizer.requireTeamAdmin(p, team);
    JsonNode body = bodies.read(req);
    Role role = Role.parse(body.path("role").asText(""));
    String user = req.path().pathParameters().get("user");
    tenancy.setMembership(team, user, role, actor(p));
    auth.invalidate();
    Responses.json(res, Map.of("team", team, "user", user, "role", role));
  }

  private void removeMember(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String team = req.path().pathParameters().get("team");
    authorizer.requireTeamAdmin(p, team);
    tenancy.setMembership(team, req.path().pathParameters().get("user"), null, actor(p));
    auth.invalidate();
    res.status(204).send();
  }

  private void createUser(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    authorizer.requirePlatformAdmin(p);
    JsonNode body = bodies.read(req);
    String name = requiredName(body, "name");
    Responses.json(
        res, 201, tenancy.createUser(name, body.path("platformAdmin").asBoolean(false), actor(p)));
  }

  private void createToken(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String user = req.path().pathParameters().get("user");
    if (!user.equals(p.user())) {
      authorizer.requirePlatformAdmin(p);
    }
    String description = bodies.read(req).path("description").asText("");
    String secret = Tokens.newSecret();
    ApiToken token = tenancy.createToken(user, description, Tokens.hash(secret), actor(p));
    ObjectNode body = Json.MAPPER.valueToTree(token);
    body.put("token", secret);
    Responses.json(res, 201, body);
  }

  private void tokens(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String user = req.query().first("user").orElse(p.platformAdmin() ? null : p.user());
    if (user == null || !user.equals(p.user())) {
      authorizer.requirePlatformAdmin(p);
    }
    Responses.json(res, Map.of("items", tenancy.tokens(user)));
  }

  private void revoke(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String id = req.path().pathParameters().get("id");
    boolean own = tenancy.tokens(p.user()).stream().anyMatch(t -> t.id().equals(id));
    if (!own) {
      authorizer.requirePlatformAdmin(p);
    }
    tenancy.revokeToken(id, actor(p));
    auth.invalidate();
    res.status(204).send();
  }

  private void namespaces(ServerRequest req, ServerResponse res) {
    auth.require(req);
    ArrayNode items = Json.MAPPER.createArrayNode();
    tenancy
        .namespaceOwners()
        .forEach((ns, team) -> items.addObject().put("namespace", ns).put("team", team));
    Responses.json(res, Map.of("items", items));
  }

  private void assignNamespace(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    Labels.requireValidNamespace("namespace", namespace);
    String team = requiredName(bodies.read(req), "team");
    authorizer.requireTeamAdmin(p, team);
    tenancy.namespaceOwner(namespace).ifPresent(current -> authorizer.requireTeamAdmin(p, current));
    tenancy.assignNamespace(namespace, team, actor(p));
    auth.invalidate();
    Responses.json(res, Map.of("namespace", namespace, "team", team));
  }

  private void audit(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.query().first("namespace").orElse(null);
    if (namespace == null) {
      authorizer.requirePlatformAdmin(p);
    } else {
      authorizer.require(p, Access.READ, namespace);
    }
    int limit = Math.min(1000, positiveInt("limit", req.query().first("limit").orElse("100")));
    Responses.json(res, Map.of("items", audit.recent(namespace, limit)));
  }

  private static String requiredName(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isEmpty()) {
      throw ValidationException.of(field, "is required");
    }
    Labels.requireValidNamespace(field, value);
    return value;
  }

  private static int positiveInt(String field, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of(field, "'" + text + "' is not a positive integer");
  }

  private static Actor actor(Principal p) {
    return new Actor(p.user());
  }
}
