package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.kube.KubeRolloutOperations;
import dev.pilothouse.kube.KubeRuntime;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * POST /clusters/{cluster}/{namespace}/{name}/{action}: the clusters page's buttons for a rollout
 * in a Kubernetes cluster (promote, abort, retry), through the same operations as {@code POST
 * /api/v1/clusters/{cluster}/namespaces/{ns}/rollouts/{name}:action}. Each needs write access to
 * the namespace; the session cookie is SameSite=Strict, so other sites cannot post these forms. The
 * browser is then sent back to the clusters page (POST-redirect-GET).
 */
final class ClusterActions {
  private static final Map<String, String> NOTICES =
      Map.of(
          "promote", "Promoted: the rollout moves past its current step.",
          "abort", "Aborted: traffic goes back to the stable revision.",
          "retry", "Retrying: the steps start again from the first.");

  private final Supplier<KubeRuntime> runtime;
  private final Authorizer authorizer;

  ClusterActions(Supplier<KubeRuntime> runtime, Authorizer authorizer) {
    this.runtime = runtime;
    this.authorizer = authorizer;
  }

  void handle(ServerRequest req, ServerResponse res, Principal who) {
    DeliveryActions.Target t = DeliveryActions.target(req, NOTICES, authorizer, who);
    String cluster = req.path().pathParameters().get("cluster");
    KubeRolloutOperations operations =
        Optional.ofNullable(runtime.get())
            .flatMap(kube -> kube.cluster(cluster))
            .orElseThrow(() -> new NotFoundException("no cluster '" + cluster + "'"))
            .operations();
    switch (t.action()) {
      case "promote" -> operations.promote(t.namespace(), t.name(), false);
      case "abort" -> operations.abort(t.namespace(), t.name(), who.user());
      default -> operations.retry(t.namespace(), t.name());
    }
    Views.redirect(res, "/clusters?done=" + t.action());
  }

  /** Where a rollout's action forms post to. */
  static String href(String cluster, String namespace, String name) {
    return "/clusters/" + encode(cluster) + "/" + encode(namespace) + "/" + encode(name);
  }

  /** The confirmation shown after an action; null for none (or a made-up one). */
  static String notice(String action) {
    return NOTICES.get(action);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
