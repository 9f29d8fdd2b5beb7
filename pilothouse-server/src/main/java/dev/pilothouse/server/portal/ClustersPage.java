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
 * (the same data as {@code GET /api/v1/clusters/{cluster}/rollouts}), with promote, abort and retry
 * buttons where they apply and the user may write ({@link ClusterActions}).
 */
public final class ClustersPage {

  /** One registered cluster as shown. */
  public record ClusterView(
      String name, boolean synced, boolean leader, int queueDepth, List<RolloutLine> rollouts) {}

  /**
   * One rollout of a cluster as shown.
   *
   * @param buttons the actions offered (none without write access to the namespace)
   * @param href where its action forms post to: {@code <href>/promote|abort|retry}
   */
  public record RolloutLine(
      String namespace,
      String name,
      String phase,
      int step,
      String message,
      RolloutButtons buttons,
      String href) {}

  private final Supplier<KubeRuntime> runtime;
  private final Authorizer authorizer;
  private final Views views;

  ClustersPage(Supplier<KubeRuntime> runtime, Authorizer authorizer, Views views) {
    this.runtime = runtime;
    this.authorizer = authorizer;
    this.views = views;
  }

  /** GET /clusters[?done=action]. */
  void show(ServerRequest req, ServerResponse res, Principal who) {
    KubeRuntime kube = runtime.get();
    List<ClusterView> clusters =
        kube == null ? List.of() : kube.clusters().stream().map(c -> view(c, who)).toList();
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("chrome", new Chrome("Clusters", "/clusters", who));
    params.put("clusters", clusters);
    params.put("notice", ClusterActions.notice(req.query().first("done").orElse("")));
    views.send(res, "clusters.jte", params);
  }

  private ClusterView view(KubeRuntime.Cluster cluster, Principal who) {
    List<RolloutLine> rollouts =
        cluster.synced()
            ? cluster.rollouts().stream()
                .filter(r -> authorizer.allows(who, Access.READ, r.namespace()))
                .map(r ->
                    line(cluster.name(), r, authorizer.allows(who, Access.WRITE, r.namespace())))
                .toList()
            : List.of();
    return new ClusterView(
        cluster.name(),
        cluster.synced(),
        cluster.controller().reconciling(),
        cluster.controller().queueDepth(),
        rollouts);
  }

  private static RolloutLine line(String cluster, Resource r, boolean canWrite) {
    return new RolloutLine(
        r.namespace(),
        r.name(),
        r.status().path("phase").asText("Pending"),
        r.status().path("currentStepIndex").asInt(0),
        r.status().path("message").asText(""),
        RolloutButtons.of(new RolloutDoc(r), canWrite),
        ClusterActions.href(cluster, r.namespace(), r.name()));
  }
}
