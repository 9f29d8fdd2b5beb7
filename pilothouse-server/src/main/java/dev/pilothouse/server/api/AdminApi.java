package dev.pilothouse.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * Platform-admin operations under {@code /api/v1/admin}. {@code POST /admin/reencrypt} with {@code
 * {"resource": "secrets", "namespace": "shop", "name": "db"}} writes one object back so it is
 * stored with the current encryption key; the CLI's {@code admin reencrypt} calls it per object (a
 * replace would not: an unchanged replace is a no-op that writes nothing).
 */
public final class AdminApi implements HttpService {
  private final ResourceService resources;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Bodies bodies;

  /** Creates the API. */
  public AdminApi(
      ResourceService resources, Authenticator auth, Authorizer authorizer, Bodies bodies) {
    this.resources = resources;
    this.auth = auth;
    this.authorizer = authorizer;
    this.bodies = bodies;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/admin/reencrypt", this::reencrypt);
  }

  private void reencrypt(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    authorizer.requirePlatformAdmin(p);
    JsonNode body = bodies.read(req);
    String resource = required(body, "resource");
    KindInfo kind =
        resources
            .kinds()
            .byResourceName(resource)
            .orElseThrow(
                () -> ValidationException.of("resource", "unknown resource '" + resource + "'"));
    String namespace = kind.namespaced() ? required(body, "namespace") : "";
    Resource written =
        resources.rewrite(kind, namespace, required(body, "name"), new Actor(p.user()));
    Responses.json(res, Map.of("resourceVersion", String.valueOf(written.resourceVersion())));
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw ValidationException.of(field, "is required");
    }
    return value;
  }
}
