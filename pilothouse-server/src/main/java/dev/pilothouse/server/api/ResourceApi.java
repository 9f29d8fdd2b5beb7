package dev.pilothouse.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Responses;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Kubernetes-shaped resource API under {@code /apis/{group}/{version}/...}; the core group is
 * addressed as {@code core}. Namespaced kinds are served under {@code namespaces/{ns}/} and across
 * namespaces; cluster-scoped kinds directly.
 */
public final class ResourceApi implements HttpService {
  private static final String NS = "/{group}/{version}/namespaces/{namespace}/{plural}";
  private static final String CLUSTER = "/{group}/{version}/{plural}";

  private final ResourceService resources;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Bodies bodies;
  private final WatchStreamer watches;

  /** Creates the API over the resource service. */
  public ResourceApi(
      ResourceService resources,
      Authenticator auth,
      Authorizer authorizer,
      Bodies bodies,
      WatchStreamer watches) {
    this.resources = resources;
    this.auth = auth;
    this.authorizer = authorizer;
    this.bodies = bodies;
    this.watches = watches;
  }

  @Override
  public void routing(HttpRules rules) {
    for (String base : new String[] {NS, CLUSTER}) {
      rules
          .get(base, this::list)
          .post(base, this::create)
          .get(base + "/{name}", this::get)
          .put(base + "/{name}", (req, res) -> replace(req, res, false))
          .route(Method.PATCH, base + "/{name}", (req, res) -> patch(req, res, false))
          .delete(base + "/{name}", this::delete)
          .get(base + "/{name}/status", this::get)
          .put(base + "/{name}/status", (req, res) -> replace(req, res, true))
          .route(Method.PATCH, base + "/{name}/status", (req, res) -> patch(req, res, true));
    }
  }

  private void list(ServerRequest req, ServerResponse res) throws Exception {
    Principal principal = auth.require(req);
    Target t = target(req, principal, Access.READ, true);
    LabelSelector selector = LabelSelector.parse(req.query().first("labelSelector").orElse(""));
    if ("true".equals(req.query().first("watch").orElse("false"))) {
      watches.stream(req, res, t.kind(), t.namespace(), selector, principal);
      return;
    }
    ResourceList list = resources.list(t.kind(), t.namespace(), selector);
    ObjectNode body =
        Json.object()
            .put("apiVersion", t.kind().apiVersion())
            .put("kind", t.kind().kind() + "List");
    body.putObject("metadata").put("resourceVersion", Long.toString(list.resourceVersion()));
    ArrayNode items = body.putArray("items");
    for (Resource r : list.items()) {
      if (t.namespace() != null || authorizer.allows(principal, Access.READ, r.namespace())) {
        items.add(r.json());
      }
    }
    Responses.json(res, body);
  }

  private void create(ServerRequest req, ServerResponse res) {
    Principal principal = auth.require(req);
    Target t = target(req, principal, Access.WRITE, true);
    Resource created =
        resources.create(t.kind(), t.namespace(), bodies.read(req), actor(principal));
    Responses.json(res, 201, created.json());
  }

  private void get(ServerRequest req, ServerResponse res) {
    Target t = target(req, auth.require(req), Access.READ, false);
    Responses.json(res, resources.get(t.kind(), t.namespace(), name(req)).json());
  }

  private void replace(ServerRequest req, ServerResponse res, boolean status) {
    Principal principal = auth.require(req);
    Target t = target(req, principal, Access.WRITE, false);
    var body = bodies.read(req);
    Resource result =
        status
            ? resources.replaceStatus(t.kind(), t.namespace(), name(req), body, actor(principal))
            : resources.replace(t.kind(), t.namespace(), name(req), body, actor(principal));
    Responses.json(res, result.json());
  }

  private void patch(ServerRequest req, ServerResponse res, boolean status) {
    Principal principal = auth.require(req);
    Target t = target(req, principal, Access.WRITE, false);
    String type = req.headers().contentType().map(c -> c.mediaType().text()).orElse("");
    if (!type.equals("application/merge-patch+json") && !type.equals("application/json")) {
      Responses.problem(
          res,
          dev.pilothouse.server.http.Problems.of(
              415, "Unsupported Media Type", "PATCH accepts application/merge-patch+json only"));
      return;
    }
    Resource result =
        resources.patch(
            t.kind(), t.namespace(), name(req), bodies.read(req), status, actor(principal));
    Responses.json(res, result.json());
  }

  private void delete(ServerRequest req, ServerResponse res) {
    Principal principal = auth.require(req);
    Target t = target(req, principal, Access.WRITE, false);
    long expected =
        parseVersion("resourceVersion", req.query().first("resourceVersion").orElse("0"));
    Responses.json(
        res,
        resources.delete(t.kind(), t.namespace(), name(req), expected, actor(principal)).json());
  }

  /** The kind and namespace a request addresses, after checking the caller's access. */
  private record Target(KindInfo kind, String namespace) {}

  private Target target(ServerRequest req, Principal principal, Access access, boolean collection) {
    var params = req.path().pathParameters();
    String group = params.get("group");
    KindInfo kind =
        resources
            .kinds()
            .byPath("core".equals(group) ? "" : group, params.get("version"), params.get("plural"));
    String namespace = params.contains("namespace") ? params.get("namespace") : null;
    if (!kind.namespaced() && namespace != null) {
      throw new dev.pilothouse.core.error.NotFoundException(
          kind.kind() + " is cluster-scoped: address it without a namespace");
    }
    if (namespace != null || !kind.namespaced()) {
      authorizer.require(principal, access, namespace == null ? "" : namespace);
    } else if (access == Access.WRITE || !collection) {
      throw new dev.pilothouse.core.error.BadRequestException(
          kind.kind() + " is namespaced: address it under /namespaces/{namespace}/");
    }
    return new Target(kind, kind.namespaced() ? namespace : "");
  }

  private static String name(ServerRequest req) {
    return req.path().pathParameters().get("name");
  }

  private static Actor actor(Principal principal) {
    return new Actor(principal.user());
  }

  /**
   * Parses a non-negative number from a query parameter, naming the parameter when it is not one.
   */
  static long parseVersion(String parameter, String text) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of(parameter, "'" + text + "' is not a non-negative integer");
  }
}
