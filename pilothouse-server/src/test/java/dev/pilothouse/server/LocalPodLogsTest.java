package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.cli.Main;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.server.local.LogsApi;
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
class LocalPodLogsTest {
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
    int restart = indexOf(lines, "restarting");
    assertThat(lines.subList(restart, lines.size())).contains("tick 0", "tick 1", "tick 5");
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
