package dev.pilothouse.server;

import dev.pilothouse.cli.LoadGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pilothouse demo}: starts Pilothouse with embedded defaults and the local runtime, deploys
 * the demo app v1 under load, rolls out a healthy v2 (20% → 50% → 100% with analysis, promoted) and
 * a failing v3 (10% errors: analysis fails, automatic abort, traffic back to stable), narrating
 * each step.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the guided demo: Pilothouse with embedded PostgreSQL and the local runtime; the demo"
            + " app v1 under load, a healthy canary v2 that is promoted and a failing v3 that is"
            + " aborted automatically. Open the printed portal URL to watch.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description =
          "Port of the API and portal; a free one if it is taken (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--service-port",
      defaultValue = "9000",
      description =
          "Port the proxy serves the demo Service on; a free one if it is taken (default ${DEFAULT-VALUE}).")
  int servicePort;

  @Option(
      names = "--rate",
      defaultValue = "40",
      description =
          "Requests per second of the built-in load, 5 to 500 (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--data-dir",
      description = "Data folder (default: a new temporary folder, deleted at the end).")
  Path dataDir;

  @Option(
      names = "--exit",
      description = "Stop when the story is over instead of running on until Ctrl-C.")
  boolean exit;

  private final PrintStream out;

  /** The command as the CLI runs it. */
  public DemoCommand() {
    this(System.out);
  }

  DemoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (rate < 5 || rate > 500) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--rate must be from 5 to 500, not " + rate);
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("pilothouse-demo-") : dataDir;
    int apiPort = portOrFree(port);
    int svcPort = portOrFree(servicePort);
    long started = System.nanoTime();
    DemoStory.Narrator say =
        line -> out.printf("[%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
    say.line("Starting Pilothouse with embedded PostgreSQL in " + dir + " ...");
    Backend backend = PostgresBackend.open(Optional.empty(), dir);
    String token = Bootstrap.ensureAdmin(backend.tenancy()).orElse(null);
    PilothouseServer server =
        PilothouseServer.start(
            ServerOptions.defaults().withPort(apiPort).withLocalRuntime(dir.resolve("pods")),
            backend,
            Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(() -> shutdown(server, temporary ? dir : null, stopped), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println();
    out.println("  Portal:   " + server.url() + "/login");
    if (token != null) {
      out.println("  Token:    " + token + "   (paste it on the login page)");
    }
    out.println("  Rollout:  " + server.url() + "/delivery/demo/demo");
    out.println("  Service:  http://127.0.0.1:" + svcPort + "/   (the demo app behind the proxy)");
    out.println("  Metrics:  " + server.url() + "/metrics   (pilothouse_proxy_* per version)");
    out.println();
    DemoStory story = new DemoStory(server, svcPort, say);
    LoadGenerator load =
        new LoadGenerator(
            URI.create("http://127.0.0.1:" + svcPort + "/"), rate, Duration.ofHours(1), 64);
    Thread loader = null;
    var latest = new java.util.concurrent.atomic.AtomicReference<LoadGenerator.Totals>();
    boolean ok = false;
    try {
      story.deployV1();
      say.line("Sending " + rate + " requests/s to the demo Service for the rest of the demo.");
      loader =
          Thread.ofPlatform()
              .name("demo-load")
              .start(() ->
                  load.run(t -> {
                    latest.set(t);
                    if ((t.elapsedMillis() / 1000) % 10 == 0) {
                      say.line("load: " + t.line());
                    }
                  }));
      story.healthyCanary();
      story.failingCanary();
      // v3 serves for a few seconds only, often between two of the 10 s load lines: show what it
      // got (its errors are why it was aborted).
      if (latest.get() != null) {
        say.line("load so far: " + latest.get().line());
      }
      ok = true;
      say.line(
          "Story over in "
              + Math.round((System.nanoTime() - started) / 1e9)
              + " s: v2 promoted, v3 aborted automatically, v2 serves all traffic.");
    } catch (DemoStory.StoryException | RuntimeException e) {
      say.line("The demo did not go as planned: " + e);
    }
    if (exit) {
      load.stop();
      if (loader != null) {
        loader.join();
      }
      Runtime.getRuntime().removeShutdownHook(hook);
      shutdown(server, temporary ? dir : null, stopped);
      return ok ? 0 : 1;
    }
    out.println();
    out.println(
        "Pilothouse keeps running with the load on; explore the portal, try"
            + " './pilothouse --server "
            + server.url()
            + " --token <token> logs demo -n demo'. Stop with Ctrl-C.");
    stopped.await();
    return ok ? 0 : 1;
  }

  private static void shutdown(PilothouseServer server, Path deleteDir, CountDownLatch stopped) {
    try {
      server.close();
      if (deleteDir != null) {
        try (Stream<Path> files = Files.walk(deleteDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(DemoCommand.class)
          .atWarn()
          .setCause(e)
          .log("error during shutdown");
    } finally {
      stopped.countDown();
    }
  }

  /** The port if it can be bound on loopback now, else a free one. */
  static int portOrFree(int wanted) throws IOException {
    if (wanted == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", wanted));
      return wanted;
    } catch (IOException e) {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
