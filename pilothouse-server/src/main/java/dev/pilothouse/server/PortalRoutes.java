package dev.pilothouse.server;

import dev.pilothouse.server.portal.Portal;
import io.helidon.webserver.http.HttpRouting;

/** Registers the portal's pages under {@code /}. */
final class PortalRoutes {
  private PortalRoutes() {}

  static void register(
      HttpRouting.Builder routing,
      PilothouseServer.ServerContext context,
      java.util.function.Supplier<dev.pilothouse.kube.KubeRuntime> kube) {
    routing.register(new Portal(context, kube));
  }
}
