package dev.pilothouse.server;

import io.helidon.webserver.http.HttpRouting;

/** Registers the portal's pages under {@code /}. */
final class PortalRoutes {
  private PortalRoutes() {}

  static void register(HttpRouting.Builder routing, PilothouseServer.ServerContext context) {
    // The portal arrives with dev.pilothouse.server.portal; until then / redirects to the API.
  }
}
