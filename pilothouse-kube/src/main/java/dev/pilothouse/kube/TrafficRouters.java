package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.delivery.TrafficRouter;
import java.util.Map;

/**
 * Chooses a rollout's {@link TrafficRouter} from its {@code trafficRouting}: a plugin router given
 * by the embedding application when the rollout names that plugin (the server gives its flag router
 * for {@code pilothouse.dev/flag}: flags live in the server's store, not in the cluster), the
 * Gateway API router when it names the {@code argoproj-labs/gatewayAPI} plugin, else the
 * replica-ratio default (the replica counts are the split).
 */
public final class TrafficRouters {
  private final TrafficRouter gatewayApi;
  private final Map<String, TrafficRouter> plugins;

  /**
   * Routers writing through {@code gateway}, plus {@code plugins} by plugin name (under {@code
   * trafficRouting.plugins}).
   */
  public TrafficRouters(KubeGateway gateway, Map<String, TrafficRouter> plugins) {
    this(new GatewayApiRouter(gateway), plugins);
  }

  TrafficRouters(TrafficRouter gatewayApi, Map<String, TrafficRouter> plugins) {
    this.gatewayApi = gatewayApi;
    this.plugins = Map.copyOf(plugins);
  }

  /** The router for a rollout's {@code spec.strategy.canary.trafficRouting}. */
  public TrafficRouter forRouting(JsonNode trafficRouting) {
    JsonNode named = trafficRouting.path("plugins");
    for (Map.Entry<String, TrafficRouter> plugin : plugins.entrySet()) {
      if (named.has(plugin.getKey())) {
        return plugin.getValue();
      }
    }
    if (named.has(FlagRouting.PLUGIN)) {
      // Refused rather than ignored: advancing steps without moving the flag would be a lie.
      return (target, weight) -> {
        throw new IllegalStateException(
            "flag rollouts (" + FlagRouting.PLUGIN + ") need the server's flag store");
      };
    }
    return named.has(GatewayApiRouter.PLUGIN) ? gatewayApi : TrafficRouter.REPLICA_RATIO;
  }
}
