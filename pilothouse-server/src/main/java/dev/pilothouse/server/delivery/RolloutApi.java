package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.RolloutActions;
import dev.pilothouse.core.delivery.RolloutStatus;
import dev.pilothouse.core.delivery.StatusJson;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.RetryPolicy;
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
import java.util.Comparator;
import java.util.function.UnaryOperator;

/**
 * Rollout actions under {@code /api/v1/namespaces/{ns}/rollouts/{name}:ACTION} (promote
 * [?full=true], abort, retry, pause, resume, undo [?toRevision=N]) and the revision history under
 * {@code .../rollouts/{name}/revisions}.
 */
public final class RolloutApi implements HttpService {
  private final ResourceService resources;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Clock clock;
  private final KindInfo rollouts;
  private final KindInfo replicaSets;

  /** Creates the API. */
  public RolloutApi(
      ResourceService resources, Authenticator auth, Authorizer authorizer, Clock clock) {
    this.resources = resources;
    this.auth = auth;
    this.authorizer = authorizer;
    this.clock = clock;
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
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
          case "promote" ->
              status(namespace, target[0], s -> RolloutActions.promote(s, full), actor);
          case "abort" ->
              status(
                  namespace,
                  target[0],
                  s -> RolloutActions.abort(s, p.user(), clock.instant()),
                  actor);
          case "retry" -> status(namespace, target[0], RolloutActions::retry, actor);
          case "pause" -> paused(namespace, target[0], true, actor);
          case "resume" -> paused(namespace, target[0], false, actor);
          case "undo" ->
              undo(namespace, target[0], req.query().first("toRevision").orElse(""), actor);
          default -> throw new NotFoundException("unknown rollout action '" + target[1] + "'");
        };
    Responses.json(res, result.json());
  }

  /** Applies a status transition, re-reading on conflict with the controller's own writes. */
  private Resource status(
      String namespace, String name, UnaryOperator<RolloutStatus> change, Actor actor) {
    return RetryPolicy.ON_CONFLICT.run(() -> {
      Resource rollout = resources.get(rollouts, namespace, name);
      ObjectNode body = rollout.toJson();
      body.set(
          "status",
          StatusJson.write(
              change.apply(StatusJson.read(rollout.status())),
              rollout.status(),
              rollout.generation(),
              counts(rollout)));
      return resources.replaceStatus(rollouts, namespace, name, body, actor);
    });
  }

  private Resource paused(String namespace, String name, boolean paused, Actor actor) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("paused", paused);
    return resources.patch(rollouts, namespace, name, patch, false, actor);
  }

  /** Rolls the template back to an earlier revision's (the previous one by default). */
  private Resource undo(String namespace, String name, String toRevision, Actor actor) {
    Resource rollout = resources.get(rollouts, namespace, name);
    var history =
        resources
            .list(replicaSets, namespace, LabelSelector.parse(ReplicaSets.OWNER_LABEL + "=" + name))
            .items()
            .stream()
            .sorted(Comparator.comparingInt(ReplicaSets::revision).reversed())
            .toList();
    String current = rollout.status().path("currentPodHash").asText("");
    Resource target =
        history.stream()
            .filter(rs ->
                toRevision.isEmpty()
                    ? !rs.name().equals(ReplicaSets.name(name, current))
                    : Integer.toString(ReplicaSets.revision(rs)).equals(toRevision))
            .findFirst()
            .orElseThrow(() ->
                ValidationException.of(
                    "toRevision",
                    toRevision.isEmpty()
                        ? "there is no earlier revision"
                        : "revision " + toRevision + " does not exist"));
    ObjectNode template = target.json().path("spec").path("template").deepCopy();
    template
        .with("metadata")
        .with("labels")
        .remove(dev.pilothouse.core.delivery.Revisions.HASH_LABEL);
    ObjectNode body = rollout.toJson();
    body.with("spec").set("template", template);
    return resources.replace(rollouts, namespace, name, body, actor);
  }

  private void revisions(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.READ, namespace);
    String name = req.path().pathParameters().get("name");
    resources.get(rollouts, namespace, name);
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    resources
        .list(replicaSets, namespace, LabelSelector.parse(ReplicaSets.OWNER_LABEL + "=" + name))
        .items()
        .stream()
        .sorted(Comparator.comparingInt(ReplicaSets::revision))
        .forEach(rs ->
            items
                .addObject()
                .put("revision", ReplicaSets.revision(rs))
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

  private static StatusJson.ReplicaCounts counts(Resource rollout) {
    var s = rollout.status();
    return new StatusJson.ReplicaCounts(
        s.path("replicas").asInt(),
        s.path("updatedReplicas").asInt(),
        s.path("readyReplicas").asInt());
  }
}
