package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real crash: {@code pilothouse serve} runs as a child JVM with the local runtime, is killed with
 * SIGKILL in the middle of a canary, and is started again on the same data folder. The pods kept
 * running meanwhile; the new run adopts the same processes (same pids), the proxy serves both
 * versions again and the rollout goes on from its step.
 */
class KillNineTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String NS = "crash";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final List<Process> servers = new ArrayList<>();
  private final java.util.Set<Long> podPids = new java.util.HashSet<>();
  private Path data;
  private int apiPort;
  private String token;

  @AfterEach
  void stopServers() throws Exception {
    for (Process p : servers) {
      if (p.isAlive()) {
        p.destroy(); // SIGTERM: the shutdown hook stops the pods
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    // Only if the test failed half-way: no pod of this test outlives it.
    for (long pid : podPids) {
      ProcessHandle.of(pid)
          .filter(h -> h.info().commandLine().map(c -> c.contains("DemoApp")).orElse(false))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aServerKilledWithSigkillMidRolloutIsRestartedAndAdoptsTheSamePodProcesses()
      throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    data = Files.createTempDirectory(base.toAbsolutePath(), "kill9-");
    apiPort = LocalFixture.freePort();
    int servicePort = LocalFixture.freePort();

    Process first = serve("first");
    token = adminToken(data.resolve("first.out"));
    apply(LocalFixture.SERVICES.formatted(NS), LocalFixture.service("app", "app", servicePort));
    apply(
        LocalFixture.ROLLOUTS.formatted(NS),
        LocalFixture.rollout("app", 2, "v1", "[]", "[{setWeight: 50}, {pause: {}}]"));
    awaitRollout("v1 healthy", s -> s.path("phase").asText().equals("Healthy"));
    send(
        "PATCH", LocalFixture.ROLLOUTS.formatted(NS) + "/app", LocalFixture.imagePatch("v2", "[]"));
    awaitRollout(
        "canary at 50% and paused",
        s -> s.path("phase").asText().equals("Paused") && s.path("readyReplicas").asInt() == 3);
    Map<String, Long> pids = podPids();
    podPids.addAll(pids.values());
    assertThat(pids).hasSize(3);
    assertThat(versionsAt(servicePort)).containsOnlyKeys("v1", "v2");

    first.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(pids.values())
        .as("pods outlive the killed server")
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true));

    serve("second");
    awaitRollout("the rollout back, still paused", s -> s.path("phase").asText().equals("Paused"));
    LocalFixture.await(
        "the same pods adopted",
        WAIT,
        () -> Json.MAPPER.valueToTree(podPids()),
        now -> Json.MAPPER.valueToTree(pids).equals(now));
    LocalFixture.await(
        "both versions served again",
        WAIT,
        () -> Json.MAPPER.valueToTree(versionsAt(servicePort)),
        v -> v.size() == 2);

    send("POST", "/api/v1/namespaces/" + NS + "/rollouts/app:promote", "{}");
    awaitRollout(
        "promoted",
        s ->
            s.path("phase").asText().equals("Healthy")
                && s.path("canary").path("weights").path("canary").path("weight").asInt() == 0
                && s.path("readyReplicas").asInt() == 2);
    podPids.addAll(podPids().values());
    LocalFixture.await(
        "only v2 served",
        WAIT,
        () -> Json.MAPPER.valueToTree(versionsAt(servicePort)),
        v -> v.size() == 1 && v.has("v2"));
  }

  @Test
  void aServerStoppedWithSigtermStopsItsPodsForgetsThemAndThenStopsItsPostgres() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    data = Files.createTempDirectory(base.toAbsolutePath(), "term-");
    apiPort = LocalFixture.freePort();
    Process server = serve("term");
    token = adminToken(data.resolve("term.out"));
    apply(
        LocalFixture.SERVICES.formatted(NS),
        LocalFixture.service("app", "app", LocalFixture.freePort()));
    apply(
        LocalFixture.ROLLOUTS.formatted(NS),
        LocalFixture.rollout("app", 2, "v1", "[]", "[{setWeight: 50}, {pause: {}}]"));
    awaitRollout(
        "v1 healthy",
        s -> s.path("phase").asText().equals("Healthy") && s.path("readyReplicas").asInt() == 2);
    Map<String, Long> pids = podPids();
    podPids.addAll(pids.values());
    Path pg = data.resolve("data").resolve("pg");
    long postgres = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).getFirst());
    assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive)).hasValue(true);

    server.destroy(); // SIGTERM, as Ctrl-C or systemd stop
    assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    String output = Files.readString(data.resolve("term.out"));
    assertThat(pids.values())
        .as("pod processes after the server stopped")
        .noneSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true));
    // pg_ctl stop returns once the server removed its pid file; the process exits right after.
    ProcessHandle.of(postgres)
        .ifPresent(
            h -> h.onExit().completeOnTimeout(h, 10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive))
        .as("the embedded PostgreSQL after the server stopped")
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(output).doesNotContain("cannot delete pod record");
    try (var db = dev.pilothouse.store.EmbeddedDatabase.start(data.resolve("data"));
        var connection = db.dataSource().getConnection();
        var query =
            connection
                .createStatement()
                .executeQuery("select count(*) from resources where kind = 'Pod'")) {
      query.next();
      assertThat(query.getInt(1)).as("Pod records left in the store").isZero();
    }
  }

  /** Starts {@code pilothouse serve} on the test class path, output in {@code <name>.out}. */
  private Process serve(String name) throws Exception {
    Path out = data.resolve(name + ".out");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.pilothouse.cli.Main",
                "serve",
                "--data-dir",
                data.resolve("data").toString(),
                "--port",
                Integer.toString(apiPort))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("PILOTHOUSE_CONFIG", data.resolve("cli-config").toString());
    Process p = pb.start();
    servers.add(p);
    LocalFixture.await(
        name + " server up",
        WAIT,
        () -> {
          try {
            int code =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url("/healthz"))).build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return Json.MAPPER.valueToTree(code);
          } catch (java.io.IOException e) {
            if (!p.isAlive()) {
              throw new AssertionError(name + " server exited: " + Files.readString(out));
            }
            return Json.MAPPER.valueToTree(0);
          }
        },
        code -> code.asInt() == 200);
    return p;
  }

  /** The admin token the first start prints (after it is up, so wait for it). */
  private static String adminToken(Path out) throws Exception {
    return LocalFixture.await(
            "the admin token in the server's output",
            WAIT,
            () -> Json.MAPPER.valueToTree(tokenIn(Files.readAllLines(out))),
            token -> !token.asText().isEmpty())
        .asText();
  }

  private static String tokenIn(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("First start: created platform admin")) {
        for (int j = i + 1; j < lines.size(); j++) {
          if (!lines.get(j).isBlank()) {
            return lines.get(j).strip();
          }
        }
      }
    }
    return "";
  }

  private String url(String path) {
    return "http://127.0.0.1:" + apiPort + path;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header(
                    "Content-Type",
                    method.equals("PATCH") ? "application/merge-patch+json" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isLessThan(300);
    return res;
  }

  private void apply(String collection, String body) throws Exception {
    send("POST", collection, body);
  }

  private void awaitRollout(String what, java.util.function.Predicate<JsonNode> ok)
      throws Exception {
    LocalFixture.await(
        what,
        WAIT,
        () ->
            Json.parse(send("GET", LocalFixture.ROLLOUTS.formatted(NS) + "/app", "").body())
                .path("status"),
        ok);
  }

  private Map<String, Long> podPids() throws Exception {
    Map<String, Long> pids = new TreeMap<>();
    JsonNode pods = Json.parse(send("GET", "/apis/core/v1/namespaces/" + NS + "/pods", "").body());
    for (JsonNode pod : pods.path("items")) {
      if (pod.path("status").has("pid")) {
        pids.put(
            pod.path("metadata").path("name").asText(), pod.path("status").path("pid").asLong());
      }
    }
    return pids;
  }

  /** The versions that answer 20 requests through the Service port, with their counts. */
  private static Map<String, Integer> versionsAt(int port) {
    Map<String, Integer> versions = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      String v = LocalFixture.call(HTTP, port);
      if (v.startsWith("v")) {
        versions.merge(v, 1, Integer::sum);
      }
    }
    return versions;
  }
}
