package dev.pilothouse.server;

import dev.pilothouse.cli.Main;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pilothouse serve}: runs the API and portal on embedded or external PostgreSQL. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run Pilothouse (API, portal) on http://127.0.0.1:8080 with embedded PostgreSQL.")
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--host",
      defaultValue = "${env:PILOTHOUSE_HOST:-127.0.0.1}",
      description = "Listen address (env PILOTHOUSE_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:PILOTHOUSE_PORT:-8080}",
      description = "Listen port (env PILOTHOUSE_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:PILOTHOUSE_DATA_DIR:-${sys:user.home}/.pilothouse/data}",
      description =
          "Data folder of the embedded PostgreSQL (env PILOTHOUSE_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--db-url",
      defaultValue = "${env:PILOTHOUSE_DB_URL}",
      description =
          "JDBC URL of an external PostgreSQL, e.g. jdbc:postgresql://db:5432/pilothouse?user=ph&password=... (env PILOTHOUSE_DB_URL); embedded PostgreSQL when absent.")
  String dbUrl;

  @Option(
      names = "--prometheus-url",
      defaultValue = "${env:PILOTHOUSE_PROMETHEUS_URL}",
      description =
          "Prometheus that live SLO budgets are read from, e.g. http://prometheus:9090 (env PILOTHOUSE_PROMETHEUS_URL).")
  String prometheusUrl;

  private final PrintStream out;
  private final Map<String, String> env;

  /** The command as the CLI runs it. */
  public ServeCommand() {
    this(System.out, System.getenv());
  }

  ServeCommand(PrintStream out, Map<String, String> env) {
    this.out = out;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    out.println(
        dbUrl == null
            ? "Starting embedded PostgreSQL in " + dataDir + " ..."
            : "Connecting to " + redacted(dbUrl) + " ...");
    Backend backend = PostgresBackend.open(Optional.ofNullable(dbUrl), dataDir);
    Optional<String> adminToken = Bootstrap.ensureAdmin(backend.tenancy());
    PilothouseServer server =
        PilothouseServer.start(
            ServerOptions.defaults().withHost(host).withPort(port).withPrometheusUrl(prometheusUrl),
            backend,
            Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(server, stopped), "pilothouse-shutdown"));
    out.println(
        "Pilothouse is running at "
            + server.url()
            + "  (portal: "
            + server.url()
            + "/ , stop with Ctrl-C)");
    adminToken.ifPresent(token -> announceAdmin(server.url(), token));
    stopped.await();
    return 0;
  }

  private void announceAdmin(String url, String token) {
    out.println();
    out.println(
        "First start: created platform admin 'admin'. Its API token (shown only this once):");
    out.println();
    out.println("    " + token);
    out.println();
    Path config = ConfigLocation.path(env);
    if (!Files.exists(config)) {
      int rc =
          Main.run(
              new String[] {"login", "--server", url, "--token", token, "--name", "local"},
              out,
              System.err,
              env);
      if (rc == 0) {
        out.println(
            "Saved it as CLI context 'local' in "
                + config
                + ", so './pilothouse get ...' works right away.");
      }
    }
    out.println(
        "Portal: open "
            + url
            + "/login and paste the token. CLI elsewhere: ./pilothouse login --server "
            + url
            + " --token <token>");
  }

  private static void stop(PilothouseServer server, CountDownLatch stopped) {
    try {
      server.close();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
          .atWarn()
          .setCause(e)
          .log("error during shutdown");
    } finally {
      stopped.countDown();
    }
  }

  private static String redacted(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
