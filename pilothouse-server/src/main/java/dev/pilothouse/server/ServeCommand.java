package dev.pilothouse.server;

import dev.pilothouse.cli.CliException;
import dev.pilothouse.cli.Main;
import dev.pilothouse.store.encryption.EncryptionConfigException;
import dev.pilothouse.store.encryption.StorageEncryption;
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
      names = "--encryption-config",
      defaultValue = "${env:PILOTHOUSE_ENCRYPTION_CONFIG}",
      paramLabel = "FILE",
      description =
          "Encrypt Secrets at rest as configured in this Kubernetes EncryptionConfiguration file"
              + " (providers aesgcm, identity; env PILOTHOUSE_ENCRYPTION_CONFIG). See docs/api.md.")
  Path encryptionConfig;

  @Option(
      names = "--prometheus-url",
      defaultValue = "${env:PILOTHOUSE_PROMETHEUS_URL}",
      description =
          "Prometheus that live SLO budgets are read from, e.g. http://prometheus:9090 (env PILOTHOUSE_PROMETHEUS_URL).")
  String prometheusUrl;

  @Option(
      names = "--kube-context",
      paramLabel = "[NAME=]CONTEXT",
      description =
          "Register a Kubernetes cluster by kubeconfig context (repeatable; NAME defaults to the context). Pilothouse runs its rollout controller there.")
  java.util.List<String> kubeContexts = new java.util.ArrayList<>();

  @Option(
      names = "--kubeconfig",
      description = "Kubeconfig file for --kube-context (default: KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--kube-in-cluster",
      defaultValue = "${env:PILOTHOUSE_KUBE_IN_CLUSTER:-false}",
      description =
          "Register the cluster Pilothouse runs in (its service account) as 'in-cluster' (env PILOTHOUSE_KUBE_IN_CLUSTER).")
  boolean kubeInCluster;

  @Option(
      names = "--kube-lease-namespace",
      defaultValue = "${env:PILOTHOUSE_KUBE_LEASE_NAMESPACE:-pilothouse}",
      description =
          "Namespace of the leader-election Lease in each cluster (env PILOTHOUSE_KUBE_LEASE_NAMESPACE; default ${DEFAULT-VALUE}).")
  String kubeLeaseNamespace;

  @Option(
      names = "--kube-identity",
      defaultValue = "${env:PILOTHOUSE_KUBE_IDENTITY}",
      description =
          "This replica's name in leader election (env PILOTHOUSE_KUBE_IDENTITY; default: host name and a random suffix).")
  String kubeIdentity;

  @Option(
      names = "--runtime",
      defaultValue = "${env:PILOTHOUSE_RUNTIME:-local}",
      description =
          "Where workloads run: 'local' runs pods as processes on this machine behind the weighted"
              + " proxy (pod logs in <data-dir>/pods); 'none' runs nothing and reports ReplicaSets"
              + " ready at once (env PILOTHOUSE_RUNTIME; default ${DEFAULT-VALUE}).")
  String runtime;

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
    StorageEncryption encryption = encryption();
    out.println(
        dbUrl == null
            ? "Starting embedded PostgreSQL in " + dataDir + " ..."
            : "Connecting to " + redacted(dbUrl) + " ...");
    ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port);
    switch (runtime) {
      case "local" -> options = options.withLocalRuntime(dataDir.resolve("pods"));
      case "none" -> {}
      default ->
          throw new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this),
              "--runtime must be 'local' or 'none', not '" + runtime + "'");
    }
    Backend backend = PostgresBackend.open(Optional.ofNullable(dbUrl), dataDir, encryption);
    Optional<String> adminToken = Bootstrap.ensureAdmin(backend.tenancy());
    PilothouseServer server =
        PilothouseServer.start(
            options.withPrometheusUrl(prometheusUrl), backend, Clock.systemUTC());
    server.withClusters(clusters(), election());
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

  /** Read before the database starts, so a bad file costs nothing: exit 2 with one line. */
  private StorageEncryption encryption() {
    try {
      StorageEncryption encryption = EncryptionSetup.load(encryptionConfig);
      if (!encryption.isEmpty()) {
        out.println("Encrypting Secrets at rest as configured in " + encryptionConfig);
      }
      return encryption;
    } catch (EncryptionConfigException e) {
      throw new CliException(e.getMessage(), CliException.USAGE);
    }
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

  /** The clusters named by --kube-context and --kube-in-cluster. */
  java.util.List<dev.pilothouse.kube.KubeRuntime.ClusterConfig> clusters() {
    java.util.List<dev.pilothouse.kube.KubeRuntime.ClusterConfig> clusters =
        new java.util.ArrayList<>();
    if (kubeInCluster) {
      clusters.add(
          new dev.pilothouse.kube.KubeRuntime.ClusterConfig(
              "in-cluster", Optional.empty(), Optional.empty(), true));
    }
    for (String spec : kubeContexts) {
      String[] parts = spec.split("=", 2);
      String name = parts[0].strip();
      String context = (parts.length == 2 ? parts[1] : parts[0]).strip();
      if (name.isEmpty() || context.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this),
            "--kube-context: expected CONTEXT or NAME=CONTEXT, got '" + spec + "'");
      }
      clusters.add(
          new dev.pilothouse.kube.KubeRuntime.ClusterConfig(
              name, Optional.ofNullable(kubeconfig), Optional.of(context), false));
    }
    return clusters;
  }

  private dev.pilothouse.kube.KubeRuntime.Election election() {
    String identity = kubeIdentity;
    if (identity == null || identity.isBlank()) {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "pilothouse";
      }
      identity = host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
    return new dev.pilothouse.kube.KubeRuntime.Election(
        kubeLeaseNamespace, "pilothouse-controller", identity);
  }

  private static String redacted(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
