package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.FlagRouting;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.server.flags.FlagOperations;
import java.util.List;

/**
 * The traffic router of a flag rollout ({@code trafficRouting.plugins["pilothouse.dev/flag"]}): a
 * weight is written as the flag's {@code fractional} split {@code [[canary, w], [stable, 100-w]]}
 * through {@link FlagOperations}, so every step is validated, audited and recorded as a {@code
 * flag.updated} platform event, like a person's change. Only the targeting changes: a flag that the
 * kill switch disabled stays disabled. Idempotent: an unchanged split writes nothing. The same
 * router serves flag rollouts of the embedded runtime and of registered Kubernetes clusters (the
 * flags live in the server's store either way; the environment is the rollout's namespace).
 */
public final class FlagTrafficRouter implements TrafficRouter {
  private final FlagOperations flags;

  /** A router writing through {@code flags}. */
  public FlagTrafficRouter(FlagOperations flags) {
    this.flags = flags;
  }

  @Override
  public void route(Target target, int canaryWeight) {
    FlagRouting routing =
        FlagRouting.of(target.trafficRouting().path("plugins").path(FlagRouting.PLUGIN));
    List<FlagRouting.Share> split =
        routing.split(target.canaryHash(), target.stableHash(), canaryWeight);
    String environment = routing.environmentFor(target.namespace());
    Actor actor = new Actor("system:rollout/" + target.namespace() + "/" + target.rollout());
    flags.update(
        environment,
        routing.flag(),
        definition -> {
          requireVariants(routing.flag(), definition, split);
          ((ObjectNode) definition)
              .set("targeting", FlagRouting.withSplit(definition.get("targeting"), split));
          return definition;
        },
        actor);
  }

  /** A split naming a variant the flag lacks would evaluate to an error: refuse it instead. */
  private static void requireVariants(
      String flag, JsonNode definition, List<FlagRouting.Share> split) {
    for (FlagRouting.Share share : split) {
      if (!definition.path("variants").has(share.variant())) {
        throw ValidationException.of(
            "spec.strategy.canary.trafficRouting.plugins[" + FlagRouting.PLUGIN + "]",
            "flag '" + flag + "' has no variant '" + share.variant() + "'");
      }
    }
  }
}
