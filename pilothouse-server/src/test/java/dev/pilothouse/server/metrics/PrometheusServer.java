package dev.pilothouse.server.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus for tests: finds {@code /usr/bin/prometheus} (Debian package {@code
 * prometheus}), writes a config scraping one static target every second into a temp dir, starts it
 * on a free loopback port, waits for {@code /-/ready}, and kills its process on close.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");

  private final Process process;
  private final Path dir;
  private final int port;

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** True when the prometheus binary is installed. */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts Prometheus scraping {@code target} ({@code host:port}) every second. */
  public static PrometheusServer start(String target) throws IOException, InterruptedException {
    return start(target, "");
  }

  /**
   * Starts Prometheus scraping {@code target} every second and evaluating the rule file {@code
   * rules} (YAML text, e.g. generated SLO rules) every second.
   */
  public static PrometheusServer start(String target, String rules)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(tmpRoot(), "prometheus-");
    Path config = dir.resolve("prometheus.yml");
    String ruleFiles = "";
    if (!rules.isBlank()) {
      Files.writeString(dir.resolve("rules.yml"), rules);
      ruleFiles = "rule_files: [\"" + dir.resolve("rules.yml") + "\"]\n";
    }
    Files.writeString(
        config,
        ruleFiles
            + """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: test
                honor_labels: true
                static_configs:
                  - targets: ["%s"]
            """
                .formatted(target));
    int port = freePort();
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, dir, port);
    server.awaitReady(Duration.ofSeconds(30));
    return server;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady(Duration timeout) throws InterruptedException, IOException {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + log());
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("prometheus not ready after " + timeout + ": " + log());
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path tmpRoot() throws IOException {
    Path root =
        Path.of(System.getProperty("pilothouse.test.tmp", System.getProperty("java.io.tmpdir")));
    return Files.createDirectories(root);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
