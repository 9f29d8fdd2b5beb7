package dev.pilothouse.server.kube;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.kube.KubeRuntime;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Responses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Kubernetes clusters registered with {@code serve --kube-context/--kube-in-cluster}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/clusters}: name, whether its caches are synced, whether this replica is
 *       its active controller, queue depth and rollout count (platform admins);
 *   <li>{@code GET /api/v1/clusters/{cluster}/rollouts[?namespace=]}: its rollouts' summaries from
 *       the informer cache (all namespaces: platform admins);
 *   <li>{@code POST
 *       /api/v1/clusters/{cluster}/namespaces/{ns}/rollouts/{name}:promote|abort|retry}.
 * </ul>
 */
public final class ClustersApi implements HttpService {
  private final Supplier<KubeRuntime> runtime;
  private final Authenticator auth;
  private final Authorizer authorizer;

  /** The endpoints over {@code runtime} (which may have no clusters). */
  public ClustersApi(Supplier<KubeRuntime> runtime, Authenticator auth, Authorizer authorizer) {
    this.runtime = runtime;
    this.auth = auth;
    this.authorizer = authorizer;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/clusters", this::clusters)
        .get("/clusters/{cluster}/rollouts", this::rollouts)
        .post("/clusters/{cluster}/namespaces/{namespace}/rollouts/{target}", this::action);
  }

  private List<KubeRuntime.Cluster> all() {
    KubeRuntime r = runtime.get();
    return r == null ? List.of() : r.clusters();
  }

  private KubeRuntime.Cluster cluster(ServerRequest req) {
    String name = req.path().pathParameters().get("cluster");
    return all().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("cluster " + name + " is not registered"));
  }

  private void clusters(ServerRequest req, ServerResponse res) {
    authorizer.requirePlatformAdmin(auth.require(req));
    List<Map<String, Object>> items =
        all().stream()
            .map(c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", c.name());
              m.put("synced", c.synced());
              m.put("leader", c.controller().reconciling());
              m.put("queueDepth", c.controller().queueDepth());
              m.put("rollouts", c.synced() ? c.rollouts().size() : 0);
              return m;
            })
            .toList();
    Responses.json(res, Map.of("items", items));
  }

  private void rollouts(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.query().first("namespace").orElse(null);
    if (namespace == null) {
      authorizer.requirePlatformAdmin(p);
    } else {
      authorizer.require(p, Access.READ, namespace);
    }
    KubeRuntime.Cluster cluster = cluster(req);
    if (!cluster.synced()) {
      throw new dev.pilothouse.core.error.UnavailableException(
          "cluster " + cluster.name() + " is not connected yet");
    }
    List<Map<String, Object>> items =
        cluster.rollouts().stream()
            .filter(r -> namespace == null || r.namespace().equals(namespace))
            .map(r -> summary(cluster.name(), r))
            .toList();
    Responses.json(res, Map.of("items", items));
  }

  static Map<String, Object> summary(String cluster, Resource r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", cluster);
    m.put("namespace", r.namespace());
    m.put("name", r.name());
    m.put("phase", r.status().path("phase").asText(""));
    m.put("message", r.status().path("message").asText(""));
    m.put("stableRS", r.status().path("stableRS").asText(""));
    m.put("currentPodHash", r.status().path("currentPodHash").asText(""));
    m.put("currentStepIndex", r.status().path("currentStepIndex").asInt(0));
    return m;
  }

  private void action(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.WRITE, namespace);
    KubeRuntime.Cluster cluster = cluster(req);
    String[] target = req.path().pathParameters().get("target").split(":", 2);
    if (target.length != 2) {
      throw new NotFoundException("use POST .../rollouts/{name}:{promote|abort|retry|undo}");
    }
    boolean full = "true".equals(req.query().first("full").orElse("false"));
    Resource result =
        switch (target[1]) {
          case "promote" -> cluster.operations().promote(namespace, target[0], full);
          case "abort" -> cluster.operations().abort(namespace, target[0], p.user());
          case "retry" -> cluster.operations().retry(namespace, target[0]);
          case "undo" ->
              cluster
                  .operations()
                  .undo(namespace, target[0], req.query().first("toRevision").orElse(""));
          default -> throw new NotFoundException("unknown rollout action '" + target[1] + "'");
        };
    Responses.json(res, summary(cluster.name(), result));
  }
}
