package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.cli.Main;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.server.local.LogsApi;
import dev.pilothouse.server.local.TwoPortApp;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod logs of the local runtime over real HTTP: a real process prints a numbered line every 100 ms,
 * a followed stream keeps delivering across a restart of that process, and the CLI's {@code logs
 * -f} prints them as they come.
 */
class LocalPodsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "logs";
  private static TestServer server;

  @TempDir Path home;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startLocal();
    var res =
        server.post(
            "/apis/apps/v1/namespaces/" + NS + "/replicasets",
            """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"ticker"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"ticker"}},
              "template":{"metadata":{"labels":{"app":"ticker"}},"spec":{"containers":[
               {"name":"ticker","command":["sh","-c",
                "i=0; while :; do echo tick $i; i=$((i+1)); sleep 0.1; done"]}]}}}}
            """);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    LocalFixture.await(
        "the ticker's first lines",
        WAIT,
        () -> Json.parse(server.get(logPath("ticker-0") + "?tailLines=5").body()),
        log -> log.path("lines").toString().contains("tick 2"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static void create(String plural, String body) throws Exception {
    String group = plural.equals("replicasets") ? "apps/v1" : "core/v1";
    var res = server.post("/apis/" + group + "/namespaces/" + NS + "/" + plural, body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  /** A ReplicaSet of one pod running {@code sh -c script}, with the given env (a JSON list). */
  private static String shellReplicaSet(String name, String script, String env) {
    return """
    {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s"},
     "spec":{"replicas":1,"selector":{"matchLabels":{"app":"%s"}},
      "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[
       {"name":"main","command":["sh","-c",%s],"env":%s}]}}}}
    """
        .formatted(name, name, name, Json.MAPPER.valueToTree(script), env);
  }

  private static JsonNode log(String pod) throws Exception {
    var res = server.get(logPath(pod) + "?tailLines=50");
    return res.statusCode() == 200 ? Json.parse(res.body()) : Json.object();
  }

  @Test
  void envValuesComeFromConfigMapsSecretsAndPodFields() throws Exception {
    create("configmaps", "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"COLOR\":\"blue\"}}");
    create("secrets", "{\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"czNjcjN0\"}}");
    create(
        "replicasets",
        shellReplicaSet(
            "envy",
            "echo \"COLOR=$COLOR PASSWORD=$PASSWORD NAME=$MY_NAME NS=$MY_NS IP=$MY_IP\"; exec sleep 300",
            """
            [{"name":"COLOR","valueFrom":{"configMapKeyRef":{"name":"settings","key":"COLOR"}}},
             {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
             {"name":"MY_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
             {"name":"MY_NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
             {"name":"MY_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]
            """));

    LocalFixture.await(
        "the env printed by the pod",
        WAIT,
        () -> log("envy-0"),
        l ->
            l.path("lines")
                .toString()
                .contains("COLOR=blue PASSWORD=s3cr3t NAME=envy-0 NS=logs IP=127.0.0.1"));
  }

  @Test
  void commandArgsAndValuesExpandVariablesAndResourceFieldsComeFromLimits() throws Exception {
    // sh would run $(GREETING) as a command substitution: only Pilothouse's expansion prints it.
    create(
        "replicasets",
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"expand"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"expand"}},
          "template":{"metadata":{"labels":{"app":"expand"}},"spec":{"containers":[
           {"name":"main",
            "command":["sh","-c","echo \\\"arg0=$0 arg1=$1 url=$URL cpu=$CPU mem=$MEM\\\"; exec sleep 300"],
            "args":["$(GREETING)-$(POD_NAME)","$$(KEPT) $(UNDEFINED)"],
            "resources":{"limits":{"cpu":"1500m","memory":"64Mi"}},
            "env":[{"name":"GREETING","value":"hello"},
                   {"name":"URL","value":"http://127.0.0.1:$(PORT)/$(GREETING)"},
                   {"name":"CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu","divisor":"1m"}}},
                   {"name":"MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}}]}]}}}}
        """);

    int port = awaitPod("expand-0", status -> status.path("port").asInt() > 0).path("port").asInt();
    LocalFixture.await(
        "the expanded command line printed by the pod",
        WAIT,
        () -> log("expand-0"),
        l ->
            l.path("lines")
                .toString()
                .contains(
                    "arg0=hello-expand-0 arg1=$(KEPT) $(UNDEFINED) url=http://127.0.0.1:"
                        + port
                        + "/hello cpu=1500 mem=64"));
  }

  @Test
  void aMissingSecretKeyKeepsThePodPendingWithAClearReasonUntilTheKeyExists() throws Exception {
    create("secrets", "{\"metadata\":{\"name\":\"api\"},\"stringData\":{\"other\":\"x\"}}");
    create(
        "replicasets",
        shellReplicaSet(
            "needy",
            "echo \"TOKEN=$TOKEN\"; exec sleep 300",
            "[{\"name\":\"TOKEN\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"api\",\"key\":\"token\"}}}]"));

    JsonNode pending =
        LocalFixture.await(
            "the pod held back by its env",
            WAIT,
            () -> Json.parse(server.get("/apis/core/v1/namespaces/" + NS + "/pods/needy-0").body()),
            pod -> pod.path("status").path("reason").asText().equals("CreateContainerConfigError"));
    JsonNode status = pending.path("status");
    assertThat(status.path("phase").asText()).isEqualTo("Pending");
    assertThat(status.path("restartCount").asInt()).isZero();
    assertThat(status.path("message").asText())
        .isEqualTo(
            "env TOKEN: key 'token' not found in Secret 'api' (create it, or set optional: true)");
    assertThat(status.path("conditions").path(0).path("message").asText()).contains("env TOKEN");
    assertThat(server.server.context().local().runtime().orElseThrow().pid(NS, "needy-0"))
        .isEmpty();

    var patched =
        server.send(
            "PATCH",
            "/apis/core/v1/namespaces/" + NS + "/secrets/api",
            server.adminToken,
            "application/merge-patch+json",
            "{\"stringData\":{\"token\":\"abc\"}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

    LocalFixture.await(
        "the pod started with the key",
        WAIT,
        () -> log("needy-0"),
        l -> l.path("lines").toString().contains("TOKEN=abc"));
  }

  @Test
  void probesUseTheNamedPortsAStartupProbeHoldsLivenessBackAndServicePortsReachTheirTargets()
      throws Exception {
    int web = LocalFixture.freePort();
    int admin = LocalFixture.freePort();
    create(
        "services",
        """
        {"metadata":{"name":"duo"},"spec":{"selector":{"app":"duo"},"ports":[
          {"name":"web","port":%d,"targetPort":"http"},
          {"name":"admin","port":%d,"targetPort":9090}]}}
        """
            .formatted(web, admin));
    // /ready fails on the http port: the pod gets ready only if the probe goes to "admin".
    create(
        "replicasets",
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"duo"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"duo"}},
          "template":{"metadata":{"labels":{"app":"duo"}},"spec":{"containers":[
           {"name":"main","command":%s,
            "ports":[{"name":"http","containerPort":8080},{"name":"admin","containerPort":9090}],
            "readinessProbe":{"httpGet":{"path":"/ready","port":"admin"},"periodSeconds":1},
            "startupProbe":{"tcpSocket":{"port":"http"},"periodSeconds":1,"failureThreshold":120},
            "livenessProbe":{"tcpSocket":{"port":"http"},"periodSeconds":1,"failureThreshold":2}
           }]}}}}
        """
            .formatted(Json.write(Json.MAPPER.valueToTree(TwoPortApp.command()))));

    JsonNode ready = awaitPod("duo-0", s -> s.path("ready").asBoolean());
    assertThat(ready.path("ports").toString()).contains("\"name\":\"admin\"");
    assertThat(awaitAnswer(web)).isEqualTo("http");
    assertThat(awaitAnswer(admin)).isEqualTo("admin");

    // The startup probe held liveness back while the JVM started, however slowly.
    assertThat(ready.path("restartCount").asInt()).isZero();

    // Closing the http port fails the TCP liveness probe twice: the pod is restarted.
    assertThat(get(admin, "/close-http")).isEqualTo("closing");
    awaitPod("duo-0", s -> s.path("restartCount").asInt() >= 1 && s.path("ready").asBoolean());
    assertThat(awaitAnswer(web)).isEqualTo("http");
    assertThat(log("duo-0").path("lines").toString()).contains("LivenessProbeFailed");
  }

  private static JsonNode awaitPod(String pod, java.util.function.Predicate<JsonNode> ok)
      throws Exception {
    return LocalFixture.await(
        pod + " status",
        WAIT,
        () ->
            Json.parse(server.get("/apis/core/v1/namespaces/" + NS + "/pods/" + pod).body())
                .path("status"),
        ok);
  }

  /** The body of a GET through a Service port, once it answers 200. */
  private static String awaitAnswer(int port) throws Exception {
    return LocalFixture.await(
            "an answer on " + port,
            WAIT,
            () -> Json.MAPPER.valueToTree(get(port, "/")),
            body -> !body.asText().startsWith("failed") && !body.asText().startsWith("status"))
        .asText();
  }

  private static String get(int port, String path) {
    try {
      HttpResponse<String> res =
          server
              .client()
              .send(
                  HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return res.statusCode() == 200 ? res.body().strip() : "status " + res.statusCode();
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  private static String logPath(String pod) {
    return "/api/v1/namespaces/" + NS + "/pods/" + pod + "/log";
  }

  @Test
  void aFollowedLogStreamsNewLinesAndKeepsGoingAcrossARestartOfThePodProcess() throws Exception {
    HttpResponse<Stream<String>> res =
        server
            .client()
            .send(
                HttpRequest.newBuilder(
                        java.net.URI.create(
                            server.url(logPath("ticker-0") + "?follow=true&tailLines=1")))
                    .header("Authorization", "Bearer " + server.adminToken)
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    long offset = res.headers().firstValueAsLong(LogsApi.OFFSET_HEADER).orElseThrow();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual().start(() -> res.body().forEach(lines::add)); // ends when the server does

    awaitLines(lines, l -> l.size() >= 20, "20 streamed lines");
    assertThat(lines.getFirst()).startsWith("tick ");
    // Lines arrive in order, without gaps, as the process writes them.
    int first = number(lines.getFirst());
    for (int i = 0; i < 20; i++) {
      assertThat(lines.get(i)).isEqualTo("tick " + (first + i));
    }
    // The offset header lets a client start exactly where this stream started.
    JsonNode from =
        Json.parse(server.get(logPath("ticker-0") + "?tailLines=1&fromByte=" + offset).body());
    assertThat(from.path("lines").path(0).asText()).isEqualTo(lines.getFirst());

    long pid = server.server.context().local().runtime().orElseThrow().pid(NS, "ticker-0").get();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    awaitLines(
        lines,
        l -> {
          int restart = indexOf(l, "restarting");
          return restart >= 0 && l.subList(restart, l.size()).contains("tick 5");
        },
        "the restarted process's lines in the same stream");
    List<String> seen = List.copyOf(lines);
    int restart = indexOf(seen, "restarting");
    assertThat(seen.subList(restart, seen.size())).contains("tick 0", "tick 1", "tick 5");
    assertThat(server.server.context().local().runtime().orElseThrow().pid(NS, "ticker-0"))
        .hasValueSatisfying(p -> assertThat(p).isNotEqualTo(pid));
    assertThat(reader.isAlive()).as("the stream is still open").isTrue();
  }

  @Test
  void theCliFollowsEveryPodOfAPrefixUntilStopped() throws Exception {
    Lines out = new Lines();
    Map<String, String> env =
        Map.of(
            "PILOTHOUSE_CONFIG", home.resolve("config").toString(),
            "PILOTHOUSE_SERVER", server.server.url(),
            "PILOTHOUSE_TOKEN", server.adminToken);
    Thread cli =
        Thread.ofPlatform()
            .daemon()
            .start(() ->
                Main.run(
                    new String[] {"logs", "ticker", "-n", NS, "-f", "--tail", "2"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    env));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (out.count("[ticker-0] tick ") < 15 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(out.count("[ticker-0] tick ")).as(out.text()).isGreaterThanOrEqualTo(15);
    assertThat(cli.isAlive()).as("still following").isTrue();
    cli.interrupt();
  }

  private static int number(String line) {
    return Integer.parseInt(line.substring("tick ".length()));
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static void awaitLines(List<String> lines, Predicate<List<String>> ok, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!ok.test(List.copyOf(lines))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not seen in " + WAIT + "; got " + lines);
      }
      Thread.sleep(100);
    }
  }

  /** Output that can be read while the CLI still writes it. */
  private static final class Lines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    long count(String part) {
      return text().lines().filter(l -> l.startsWith(part)).count();
    }
  }
}
