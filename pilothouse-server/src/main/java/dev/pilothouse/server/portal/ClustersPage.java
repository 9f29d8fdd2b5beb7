package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.kube.KubeRuntime;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /clusters}: the Kubernetes clusters registered with {@code serve --kube-context}, whether
 * each is connected and controlled by this replica, and the rollouts in them that the user may read
 * (the same data as {@code GET /api/v1/clusters/{cluster}/rollouts}).
 */
public final class ClustersPage {

  /** One registered cluster as shown. */
  public record ClusterView(
      String name, boolean synced, boolean leader, int queueDepth, List<RolloutLine> rollouts) {}

  /** One rollout of a cluster as shown. */
  public record RolloutLine(
      String namespace, String name, String phase, int step, String message) {}

  private final Supplier<KubeRuntime> runtime;
  private final Authorizer authorizer;
  private final Views views;

  ClustersPage(Supplier<KubeRuntime> runtime, Authorizer authorizer, Views views) {
    this.runtime = runtime;
    this.authorizer = authorizer;
    this.views = views;
  }

  void show(ServerRequest req, ServerResponse res, Principal who) {
    KubeRuntime kube = runtime.get();
    List<ClusterView> clusters =
        kube == null ? List.of() : kube.clusters().stream().map(c -> view(c, who)).toList();
    views.send(
        res,
        "clusters.jte",
        Map.of("chrome", new Chrome("Clusters", "/clusters", who), "clusters", clusters));
  }

  private ClusterView view(KubeRuntime.Cluster cluster, Principal who) {
    List<RolloutLine> rollouts =
        cluster.synced()
            ? cluster.rollouts().stream()
                .filter(r -> authorizer.allows(who, Access.READ, r.namespace()))
                .map(ClustersPage::line)
                .toList()
            : List.of();
    return new ClusterView(
        cluster.name(),
        cluster.synced(),
        cluster.controller().reconciling(),
        cluster.controller().queueDepth(),
        rollouts);
  }

  private static RolloutLine line(Resource r) {
    return new RolloutLine(
        r.namespace(),
        r.name(),
        r.status().path("phase").asText("Pending"),
        r.status().path("currentStepIndex").asInt(0),
        r.status().path("message").asText(""));
  }
}
