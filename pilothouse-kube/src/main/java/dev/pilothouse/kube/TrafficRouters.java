package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.delivery.TrafficRouter;

/**
 * Chooses a rollout's {@link TrafficRouter} from its {@code trafficRouting}: the Gateway API router
 * when it names the {@code argoproj-labs/gatewayAPI} plugin, else the replica-ratio default (the
 * replica counts are the split).
 */
public final class TrafficRouters {
  private final TrafficRouter gatewayApi;

  /** Routers writing through {@code gateway}. */
  public TrafficRouters(KubeGateway gateway) {
    this(new GatewayApiRouter(gateway));
  }

  TrafficRouters(TrafficRouter gatewayApi) {
    this.gatewayApi = gatewayApi;
  }

  /** The router for a rollout's {@code spec.strategy.canary.trafficRouting}. */
  public TrafficRouter forRouting(JsonNode trafficRouting) {
    if (trafficRouting.path("plugins").has(FlagRouting.PLUGIN)) {
      // Refused rather than ignored: advancing steps without moving the flag would be a lie.
      return (target, weight) -> {
        throw new IllegalStateException(
            "flag rollouts (" + FlagRouting.PLUGIN + ") run on the embedded runtime only for now");
      };
    }
    return trafficRouting.path("plugins").has(GatewayApiRouter.PLUGIN)
        ? gatewayApi
        : TrafficRouter.REPLICA_RATIO;
  }
}
