package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {
  private static final String PATH = "/apis/core/v1/namespaces/default/configmaps";

  @TempDir Path dir;
  private FakeApi api;
  private final CountDownLatch firstSeen = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
    api.on("GET", PATH, this::stream);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** Sends one event, then waits until the test saw it printed before sending the next. */
  private void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      send(out, event("ADDED", "a"));
      send(out, "");
      try {
        firstSeen.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(out, event("MODIFIED", "b"));
      send(out, event("DELETED", "a"));
    }
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String event(String type, String name) {
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"creationTimestamp\":\""
        + Instant.now().minusSeconds(30)
        + "\"}}}";
  }

  @Test
  void watch_prints_each_event_as_it_arrives() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> exit = runAsync(out, "get", "configmaps", "--watch");

    await(() -> out.toString(StandardCharsets.UTF_8).contains("ADDED"));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("EVENT      NAME       AGE")
        .doesNotContain("MODIFIED");
    firstSeen.countDown();

    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "EVENT      NAME       AGE",
            "ADDED      a          30s",
            "MODIFIED   b          30s",
            "DELETED    a          30s");
    assertThat(api.requests().getLast().query()).isEqualTo("watch=true");
  }

  @Test
  void watch_of_one_name_prints_only_its_events_as_json() throws Exception {
    firstSeen.countDown();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = runAsync(out, "get", "configmap", "a", "-w", "-o", "json").get(10, TimeUnit.SECONDS);

    assertThat(exit).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("\"ADDED\"").contains("\"DELETED\"").doesNotContain("\"b\"");
  }

  private CompletableFuture<Integer> runAsync(ByteArrayOutputStream out, String... args) {
    CliRun cli = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url());
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    return CompletableFuture.supplyAsync(() -> cli.run(stream, new ByteArrayOutputStream(), args));
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.get()) {
      assertThat(Instant.now()).as("condition within 10s").isBefore(deadline);
      Thread.sleep(10);
    }
  }
}
