package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.local.PodEnv;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.ResourceService;
import java.util.Optional;

/** Reads a namespace's ConfigMaps and Secrets from the resource store for {@link PodEnv}. */
record ConfigLookup(ResourceService resources, String namespace) implements PodEnv.Lookup {
  @Override
  public Optional<JsonNode> find(String kind, String name) {
    KindInfo info =
        resources.kinds().byPath("", "v1", kind.equals("Secret") ? "secrets" : "configmaps");
    try {
      return Optional.of(resources.get(info, namespace, name).json());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
