package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.RetryPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits traffic with Gateway API {@code HTTPRoute} backend weights, configured as Argo's Gateway
 * API plugin is:
 *
 * <pre>
 * trafficRouting:
 *   plugins:
 *     argoproj-labs/gatewayAPI:
 *       httpRoute: web-route        # or httpRoutes: [{name: web-route}, ...]
 *       namespace: shop             # optional, defaults to the rollout's namespace
 * </pre>
 *
 * In every rule of each route, the backendRef naming the stable Service gets {@code 100 - w} and
 * the one naming the canary Service gets {@code w}. The route is replaced with its read
 * resourceVersion (arrays cannot be merge-patched element-wise), retried on conflict.
 */
final class GatewayApiRouter implements TrafficRouter {
  static final String PLUGIN = "argoproj-labs/gatewayAPI";

  private final KubeGateway gateway;
  private final RetryPolicy retry = RetryPolicy.ON_CONFLICT;

  GatewayApiRouter(KubeGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void route(Target target, int canaryWeight) {
    JsonNode config = target.trafficRouting().path("plugins").path(PLUGIN);
    String namespace = config.path("namespace").asText(target.namespace());
    for (String route : routes(config)) {
      retry.run(() -> {
        setWeights(namespace, route, target, canaryWeight);
        return null;
      });
    }
  }

  static List<String> routes(JsonNode config) {
    List<String> names = new ArrayList<>();
    if (config.hasNonNull("httpRoute")) {
      names.add(config.get("httpRoute").asText());
    }
    config.path("httpRoutes").forEach(r -> names.add(r.path("name").asText()));
    return names;
  }

  private void setWeights(String namespace, String name, Target target, int canaryWeight) {
    Resource route =
        gateway
            .read(KubeKinds.HTTP_ROUTES, namespace, name)
            .orElseThrow(() ->
                new NotFoundException(
                    "HTTPRoute "
                        + namespace
                        + "/"
                        + name
                        + " named in spec.strategy.canary.trafficRouting.plugins."
                        + PLUGIN
                        + " does not exist"));
    ObjectNode body = route.toJson();
    boolean changed = false;
    for (JsonNode rule : body.path("spec").path("rules")) {
      for (JsonNode ref : rule.path("backendRefs")) {
        String service = ref.path("name").asText();
        int weight =
            service.equals(target.canaryService())
                ? canaryWeight
                : service.equals(target.stableService()) ? 100 - canaryWeight : -1;
        if (weight >= 0 && ref.path("weight").asInt(-1) != weight) {
          ((ObjectNode) ref).put("weight", weight);
          changed = true;
        }
      }
    }
    if (changed) {
      gateway.update(KubeKinds.HTTP_ROUTES, namespace, body);
    }
  }
}
