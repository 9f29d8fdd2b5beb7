package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;

/**
 * Rollout actions under {@code /api/v1/namespaces/{ns}/rollouts/{name}:ACTION} (promote
 * [?full=true], abort, retry, pause, resume, undo [?toRevision=N]) and the revision history under
 * {@code .../rollouts/{name}/revisions}: ReplicaSets for a pod rollout ({@code "type": "pod"}),
 * updates of the variants for a flag rollout ({@code "type": "flag"}).
 */
public final class RolloutApi implements HttpService {
  private final ResourceService resources;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final RolloutOperations operations;
  private final KindInfo rollouts;
  private final EventLog events;

  /** Creates the API; {@code events} is where flag rollout histories are derived from. */
  public RolloutApi(
      ResourceService resources,
      Authenticator auth,
      Authorizer authorizer,
      EventLog events,
      Clock clock) {
    this.resources = resources;
    this.events = events;
    this.auth = auth;
    this.authorizer = authorizer;
    this.operations = new RolloutOperations(resources, clock);
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/namespaces/{namespace}/rollouts/{target}", this::action)
        .get("/namespaces/{namespace}/rollouts/{name}/revisions", this::revisions);
  }

  private void action(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.WRITE, namespace);
    String[] target = req.path().pathParameters().get("target").split(":", 2);
    if (target.length != 2) {
      throw new NotFoundException(
          "use POST .../rollouts/{name}:{promote|abort|retry|pause|resume|undo}");
    }
    Actor actor = new Actor(p.user());
    boolean full = "true".equals(req.query().first("full").orElse("false"));
    Resource result =
        switch (target[1]) {
          case "promote" -> operations.promote(namespace, target[0], full, actor);
          case "abort" -> operations.abort(namespace, target[0], actor);
          case "retry" -> operations.retry(namespace, target[0], actor);
          case "pause" -> operations.paused(namespace, target[0], true, actor);
          case "resume" -> operations.paused(namespace, target[0], false, actor);
          case "undo" ->
              operations.undo(
                  namespace, target[0], req.query().first("toRevision").orElse(""), actor);
          default -> throw new NotFoundException("unknown rollout action '" + target[1] + "'");
        };
    Responses.json(res, result.json());
  }

  private void revisions(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.READ, namespace);
    String name = req.path().pathParameters().get("name");
    Resource rollout = resources.get(rollouts, namespace, name);
    ObjectNode body = Json.object();
    if (FlagRouting.config(rollout.json()).isPresent()) {
      FlagRevisionsJson.write(events, rollout, body);
      Responses.json(res, body);
      return;
    }
    body.put("type", "pod");
    ArrayNode items = body.putArray("items");
    operations.revisions(namespace, name).stream()
        .forEach(rs ->
            items
                .addObject()
                .put("revision", ReplicaSetDocuments.revision(rs))
                .put(
                    "podTemplateHash",
                    rs.labels().get(dev.pilothouse.core.delivery.Revisions.HASH_LABEL))
                .put("replicas", rs.json().path("spec").path("replicas").asInt())
                .put("readyReplicas", rs.status().path("readyReplicas").asInt())
                .put("created", rs.metadata().path("creationTimestamp").asText())
                .set("images", images(rs)));
    Responses.json(res, body);
  }

  private static ArrayNode images(Resource rs) {
    ArrayNode images = Json.MAPPER.createArrayNode();
    rs.json()
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .forEach(c -> images.add(c.path("image").asText()));
    return images;
  }
}
