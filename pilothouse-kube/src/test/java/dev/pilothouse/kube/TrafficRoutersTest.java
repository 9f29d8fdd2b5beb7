package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.delivery.InMemoryTrafficRouter;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficRoutersTest {
  private final InMemoryTrafficRouter gatewayApi = new InMemoryTrafficRouter();
  private final InMemoryTrafficRouter flags = new InMemoryTrafficRouter();
  private final TrafficRouters routers = new TrafficRouters(gatewayApi, Map.of());

  private static TrafficRouter.Target target(String routing) {
    return new TrafficRouter.Target(
        "prod", "web", "web-stable", "web-canary", "aaa", "bbb", Json.parse(routing));
  }

  @Test
  void theGatewayApiPluginGetsTheGatewayRouterAndNoRoutingTheReplicaRatio() {
    String gateway = "{\"plugins\":{\"argoproj-labs/gatewayAPI\":{\"httpRoute\":\"web\"}}}";

    routers.forRouting(Json.parse(gateway)).route(target(gateway), 30);

    assertThat(gatewayApi.weight("prod", "web")).contains(30);
    assertThat(routers.forRouting(Json.object())).isSameAs(TrafficRouter.REPLICA_RATIO);
  }

  @Test
  void aFlagRolloutWithoutTheServersFlagRouterIsRefusedRatherThanAdvancedWithoutMovingTheFlag() {
    String flag = "{\"plugins\":{\"pilothouse.dev/flag\":{\"flag\":\"f\"}}}";

    TrafficRouter router = routers.forRouting(Json.parse(flag));

    assertThatThrownBy(() -> router.route(target(flag), 20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pilothouse.dev/flag");
    assertThat(gatewayApi.weight("prod", "web")).isEmpty();
  }

  @Test
  void aPluginRouterGivenByTheServerRoutesTheRolloutsThatNameItsPlugin() {
    TrafficRouters withFlags = new TrafficRouters(gatewayApi, Map.of("pilothouse.dev/flag", flags));
    String flag = "{\"plugins\":{\"pilothouse.dev/flag\":{\"flag\":\"f\"}}}";

    withFlags.forRouting(Json.parse(flag)).route(target(flag), 20);

    assertThat(flags.weight("prod", "web")).contains(20);
    assertThat(gatewayApi.weight("prod", "web")).isEmpty();
    assertThat(withFlags.forRouting(Json.object())).isSameAs(TrafficRouter.REPLICA_RATIO);
  }
}
