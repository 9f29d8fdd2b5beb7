package dev.pilothouse.bench;

import dev.pilothouse.server.Backend;
import dev.pilothouse.server.Bootstrap;
import dev.pilothouse.server.PilothouseServer;
import dev.pilothouse.server.PostgresBackend;
import dev.pilothouse.server.ServerOptions;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * A real Pilothouse for a whole-system benchmark: embedded PostgreSQL in a fresh temp folder, the
 * default server options on a free loopback port, and the admin token to call it with.
 *
 * @param server the running server (closing it closes its backend)
 * @param token the platform admin's API token
 */
public record BenchServer(PilothouseServer server, String token) implements AutoCloseable {
  /** Starts one, with JUL logging routed to SLF4J as the server expects. */
  public static BenchServer start() throws Exception {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    Backend backend =
        PostgresBackend.open(Optional.empty(), Files.createTempDirectory("pilothouse-bench-"));
    String token = Bootstrap.ensureAdmin(backend.tenancy()).orElseThrow();
    return new BenchServer(
        PilothouseServer.start(ServerOptions.defaults().withPort(0), backend, Clock.systemUTC()),
        token);
  }

  /** The server's base URL. */
  public String url() {
    return server.url();
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
