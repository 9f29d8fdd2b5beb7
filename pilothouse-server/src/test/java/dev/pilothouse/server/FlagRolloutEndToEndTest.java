package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flag rollouts end to end on embedded PostgreSQL: Argo-shaped Rollouts whose traffic router is a
 * flag's {@code fractional} split, driven by the real controller, promoted and aborted with the
 * CLI, gated by a real {@code web} analysis, and measured through OFREP over many targeting keys.
 */
class FlagRolloutEndToEndTest {
  private static final String NS = "flagroll";
  private static final String ROLLOUTS = "/apis/argoproj.io/v1alpha1/namespaces/" + NS + "/";
  private static final int KEYS = 2000;
  private static TestServer server;
  private static HttpServer verdicts;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    verdicts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    verdicts.createContext("/good", e -> respond(e, "{\"ok\": true}"));
    verdicts.createContext("/bad", e -> respond(e, "{\"ok\": false}"));
    verdicts.start();
    for (String verdict : List.of("good", "bad")) {
      String template =
          """
          {"apiVersion":"argoproj.io/v1alpha1","kind":"AnalysisTemplate",
           "metadata":{"name":"%s"},
           "spec":{"metrics":[{"name":"verdict","count":1,"successCondition":"result == true",
             "provider":{"web":{"url":"http://127.0.0.1:%d/%s","jsonPath":"{$.ok}"}}}]}}
          """
              .formatted(verdict, verdicts.getAddress().getPort(), verdict);
      assertThat(server.post(ROLLOUTS + "analysistemplates", template).statusCode()).isEqualTo(201);
    }
    String flags =
        """
        {"apiVersion":"pilothouse.dev/v1alpha1","kind":"FeatureFlagSet","metadata":{"name":"shop"},
         "spec":{"flags":{
          "new-checkout":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"},
          "banner":{"state":"ENABLED","variants":{"new":"new","old":"old"},"defaultVariant":"old"},
          "search":{"state":"ENABLED","variants":{"v2":"v2","v1":"v1"},"defaultVariant":"v1"},
          "promo":{"state":"ENABLED","variants":{"v2":"v2","v1":"v1"},"defaultVariant":"v1"},
          "ranking":{"state":"ENABLED","variants":{"v2":"v2","v1":"v1"},"defaultVariant":"v1"}}}}
        """;
    assertThat(
            server
                .post("/apis/pilothouse.dev/v1alpha1/namespaces/" + NS + "/featureflagsets", flags)
                .statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    verdicts.stop(0);
    server.close();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange e, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String flagRollout(
      String name, String flag, String canary, String stable, String steps) {
    return Json.write(
        Yaml.readAll(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: %s}
                spec:
                  strategy:
                    canary:
                      trafficRouting:
                        plugins:
                          pilothouse.dev/flag: {flag: %s, canaryVariant: "%s", stableVariant: "%s"}
                      steps: %s
                """
                    .formatted(name, flag, canary, stable, steps),
                "test")
            .getFirst());
  }

  private static CliCall cli(String... args) {
    CliCall call = cliCall(args);
    assertThat(call.code()).as(call.err()).isZero();
    return call;
  }

  private static CliCall cliCall(String... args) {
    return CliCall.run(
        Map.of(
            "PILOTHOUSE_SERVER", server.server.url(),
            "PILOTHOUSE_TOKEN", server.adminToken,
            "PILOTHOUSE_CONFIG", server.dataDir.resolve("no-config").toString()),
        args);
  }

  private static JsonNode await(String rollout, Predicate<JsonNode> condition) throws Exception {
    return LocalFixture.await(
        rollout,
        Duration.ofSeconds(60),
        () -> Json.parse(server.get(ROLLOUTS + "rollouts/" + rollout).body()).path("status"),
        condition);
  }

  private static Predicate<JsonNode> paused(int weight) {
    return s ->
        s.path("phase").asText().equals("Paused")
            && s.path("canary").path("weights").path("canary").path("weight").asInt() == weight;
  }

  /** The share (percent) of {@link #KEYS} targeting keys that OFREP gives {@code value}. */
  private static double share(String flag, String value) throws Exception {
    int hits = 0;
    for (int i = 0; i < KEYS; i++) {
      var response =
          server.post(
              "/ofrep/v1/evaluate/flags/" + flag + "?environment=" + NS,
              "{\"context\":{\"targetingKey\":\"user-" + i + "\"}}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      if (Json.parse(response.body()).path("value").asText().equals(value)) {
        hits++;
      }
    }
    return 100.0 * hits / KEYS;
  }

  /** The targeting the flags API serves now. */
  private static String targeting(String flag) throws Exception {
    return Json.parse(server.get("/api/v1/namespaces/" + NS + "/flags/" + flag).body())
        .path("targeting")
        .toString();
  }

  /** The canary weights written to a flag by rollouts, oldest first, from the flag's history. */
  private static List<Integer> historyWeights(String flag, String canary) throws Exception {
    JsonNode items =
        Json.parse(server.get("/api/v1/flags/" + flag + "/history?environment=" + NS).body())
            .path("items");
    List<Integer> weights = new ArrayList<>();
    Pattern split = Pattern.compile("\\[\"" + canary + "\",(\\d+)]");
    for (JsonNode event : items) {
      JsonNode attributes = event.path("attributes");
      if (attributes.path("actor").asText().startsWith("system:rollout/" + NS + "/")) {
        Matcher m = split.matcher(attributes.path("after").asText());
        if (m.find()) {
          weights.addFirst(Integer.parseInt(m.group(1)));
        }
      }
    }
    return weights;
  }

  @Test
  void flagRolloutAdvancesTwentyFiftyHundredAndTheEvaluationsFollow() throws Exception {
    String steps =
        "[{setWeight: 20}, {pause: {}}, {setWeight: 50}, {pause: {}}, "
            + "{analysis: {templates: [{templateName: good}]}}]";
    assertThat(
            server
                .post(
                    ROLLOUTS + "rollouts",
                    flagRollout("checkout-release", "new-checkout", "on", "off", steps))
                .statusCode())
        .isEqualTo(201);

    await("checkout-release", paused(20));
    assertThat(share("new-checkout", "true")).isBetween(16.0, 24.0);

    cli("rollouts", "promote", "checkout-release", "-n", NS);
    await("checkout-release", paused(50));
    assertThat(share("new-checkout", "true")).isBetween(46.0, 54.0);

    cli("rollouts", "promote", "checkout-release", "-n", NS);
    JsonNode done = await("checkout-release", s -> s.path("phase").asText().equals("Healthy"));
    assertThat(done.path("replicas").asInt()).isZero();
    assertThat(share("new-checkout", "true")).isEqualTo(100.0);
    assertThat(targeting("new-checkout")).isEqualTo("{\"fractional\":[[\"on\",100],[\"off\",0]]}");
    assertThat(historyWeights("new-checkout", "on")).containsExactly(20, 50, 100);
    assertThat(server.get("/apis/apps/v1/namespaces/" + NS + "/replicasets").body())
        .doesNotContain("checkout-release");
    var page =
        server
            .client()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url("/delivery/" + NS + "/checkout-release")))
                    .header("Cookie", "pilothouse_token=" + server.adminToken)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("flag new-checkout in flagroll: on (canary), off (stable)")
        .contains("Healthy")
        .contains("0/0");
  }

  @Test
  void aFailingAnalysisAbortsTheFlagRolloutBackToTheStableVariant() throws Exception {
    String steps = "[{setWeight: 30}, {analysis: {templates: [{templateName: bad}]}}]";
    server.post(
        ROLLOUTS + "rollouts", flagRollout("banner-release", "banner", "new", "old", steps));

    JsonNode aborted = await("banner-release", s -> s.path("phase").asText().equals("Degraded"));

    assertThat(aborted.path("message").asText()).contains("RolloutAborted").contains("Failed");
    assertThat(targeting("banner")).isEqualTo("{\"fractional\":[[\"new\",0],[\"old\",100]]}");
    assertThat(share("banner", "old")).isEqualTo(100.0);
    assertThat(historyWeights("banner", "new")).containsExactly(30, 0);
  }

  @Test
  void theCliAbortPutsAPausedFlagRolloutBackToZeroPercentCanary() throws Exception {
    server.post(
        ROLLOUTS + "rollouts",
        flagRollout("search-release", "search", "v2", "v1", "[{setWeight: 40}, {pause: {}}]"));
    await("search-release", paused(40));
    assertThat(targeting("search")).isEqualTo("{\"fractional\":[[\"v2\",40],[\"v1\",60]]}");

    cli("rollouts", "abort", "search-release", "-n", NS);

    // The abort is a status change; the controller moves the flag on its next reconcile.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!targeting("search").contains("[\"v2\",0]") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(targeting("search")).isEqualTo("{\"fractional\":[[\"v2\",0],[\"v1\",100]]}");
    assertThat(share("search", "v1")).isEqualTo(100.0);
  }

  @Test
  void theCliUndoSendsAFlagRolloutBackToItsStableVariantAndASecondUndoReleasesItAgain()
      throws Exception {
    server.post(
        ROLLOUTS + "rollouts",
        flagRollout("promo-release", "promo", "v2", "v1", "[{setWeight: 30}, {pause: {}}]"));
    await("promo-release", paused(30));
    assertThat(targeting("promo")).isEqualTo("{\"fractional\":[[\"v2\",30],[\"v1\",70]]}");

    CliCall undone = cli("rollouts", "undo", "promo-release", "-n", NS);

    assertThat(undone.out()).contains("flag promo: canaryVariant v1, stableVariant v2");
    await("promo-release", s -> s.path("phase").asText().equals("Healthy"));
    assertThat(targeting("promo")).isEqualTo("{\"fractional\":[[\"v1\",100],[\"v2\",0]]}");
    assertThat(share("promo", "v1")).isEqualTo(100.0);

    CliCall numbered = cliCall("rollouts", "undo", "promo-release", "--to-revision", "1", "-n", NS);
    assertThat(numbered.code()).isEqualTo(1);
    assertThat(numbered.err())
        .contains("toRevision")
        .contains("cannot be undone to a numbered revision");

    CliCall redone = cli("rollouts", "undo", "promo-release", "-n", NS);

    assertThat(redone.out()).contains("flag promo: canaryVariant v2, stableVariant v1");
    await("promo-release", paused(30));
    assertThat(targeting("promo")).isEqualTo("{\"fractional\":[[\"v2\",30],[\"v1\",70]]}");
    assertThat(historyWeights("promo", "v2")).containsExactly(30, 0, 30);
  }

  @Test
  void historyShowsEachUpdateOfAFlagRolloutWithHowItEndedAndWhoStartedIt() throws Exception {
    server.post(
        ROLLOUTS + "rollouts",
        flagRollout("ranking-release", "ranking", "v2", "v1", "[{setWeight: 30}, {pause: {}}]"));
    await("ranking-release", paused(30));
    cli("rollouts", "promote", "ranking-release", "--full", "-n", NS);
    await("ranking-release", s -> s.path("phase").asText().equals("Healthy"));
    cli("rollouts", "undo", "ranking-release", "-n", NS);
    await("ranking-release", paused(30));

    JsonNode api =
        Json.parse(
            server.get("/api/v1/namespaces/" + NS + "/rollouts/ranking-release/revisions").body());
    CliCall history = cli("rollouts", "history", "ranking-release", "-n", NS);

    assertThat(api.path("type").asText()).isEqualTo("flag");
    assertThat(api.path("items")).hasSize(2);
    JsonNode first = api.path("items").get(0);
    JsonNode second = api.path("items").get(1);
    assertThat(first.path("canaryVariant").asText()).isEqualTo("v2");
    assertThat(first.path("outcome").asText()).isEqualTo("promoted");
    assertThat(first.path("triggeredBy").asText()).isEqualTo(Bootstrap.ADMIN);
    assertThat(first.path("ended").asText()).isNotEmpty();
    assertThat(second.path("canaryVariant").asText()).isEqualTo("v1");
    assertThat(second.path("stableVariant").asText()).isEqualTo("v2");
    assertThat(second.path("outcome").asText()).isEqualTo("in-progress");
    assertThat(second.path("triggeredBy").asText()).isEqualTo(Bootstrap.ADMIN);
    assertThat(second.has("ended")).isFalse();
    List<String> lines = history.out().lines().toList();
    assertThat(lines.getFirst()).contains("REVISION", "CANARY", "STABLE", "OUTCOME", "BY");
    assertThat(lines.get(1)).matches("1\\s+v2\\s+v1\\s+\\S+\\s+promoted\\s+\\S+\\s+admin\\s*");
    assertThat(lines.get(2)).matches("2\\s+v1\\s+v2\\s+\\S+\\s+in-progress\\s+admin\\s*");
  }

  @Test
  void aFlagRolloutNamingAVariantTheFlagLacksSaysSoAndLeavesTheFlagAlone() throws Exception {
    String before = targeting("search");
    server.post(
        ROLLOUTS + "rollouts",
        flagRollout("typo-release", "search", "v3", "v1", "[{setWeight: 10}, {pause: {}}]"));

    JsonNode status =
        await("typo-release", s -> s.path("message").asText().startsWith("ApplyFailed"));

    assertThat(status.path("message").asText()).contains("flag 'search' has no variant 'v3'");
    assertThat(targeting("search")).isEqualTo(before);
  }

  @Test
  void aFlagRolloutWithAPodTemplateIsRefusedWith422NamingTheField() throws Exception {
    var refused =
        server.post(
            ROLLOUTS + "rollouts",
            flagRollout("mixed-release", "search", "v2", "v1", "[{setWeight: 10}]")
                .replace("\"strategy\"", "\"template\":{\"spec\":{}},\"strategy\""));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("spec.template").contains("flag rollout");
  }
}
