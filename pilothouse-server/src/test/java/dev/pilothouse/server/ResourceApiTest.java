package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResourceApiTest {
  private static final String CM = "/apis/core/v1/namespaces/shop/configmaps";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String configMap(String name, String value) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":{\"app\":\"web\"}},\"data\":{\"k\":\""
        + value
        + "\"}}";
  }

  private static JsonNode json(HttpResponse<String> res) {
    return Json.parse(res.body());
  }

  @Test
  void createGetListAndDeleteRoundTrip() throws Exception {
    HttpResponse<String> created = server.post(CM, configMap("round", "a"));
    assertThat(created.statusCode()).isEqualTo(201);

    JsonNode got = json(server.get(CM + "/round"));
    JsonNode list = json(server.get(CM + "?labelSelector=app%3Dweb"));
    HttpResponse<String> deleted =
        server.send("DELETE", CM + "/round", server.adminToken, null, null);

    assertThat(got.path("data").path("k").asText()).isEqualTo("a");
    assertThat(list.path("items"))
        .extracting(i -> i.path("metadata").path("name").asText())
        .contains("round");
    assertThat(list.path("metadata").path("resourceVersion").asLong()).isPositive();
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(server.get(CM + "/round").statusCode()).isEqualTo(404);
  }

  @Test
  void requestsWithoutTokenAreUnauthorized() throws Exception {
    HttpResponse<String> res = server.send("GET", CM, null, null, null);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(res).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void viewerCanReadButNotWriteTheTeamsNamespace() throws Exception {
    String viewer = server.userToken("vera", false);
    server.post("/api/v1/teams", "{\"name\":\"payments\"}");
    server.send(
        "PUT",
        "/api/v1/teams/payments/members/vera",
        server.adminToken,
        "application/json",
        "{\"role\":\"viewer\"}");
    server.send(
        "PUT",
        "/api/v1/namespaces/pay/owner",
        server.adminToken,
        "application/json",
        "{\"team\":\"payments\"}");
    String path = "/apis/core/v1/namespaces/pay/configmaps";

    HttpResponse<String> write =
        server.send("POST", path, viewer, "application/json", configMap("nope", "x"));
    HttpResponse<String> read = server.send("GET", path, viewer, null, null);

    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(json(write).path("detail").asText()).contains("vera").contains("pay");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).path("items")).isEmpty();
  }

  @Test
  void aNamespaceGivenToATeamIsClosedToOutsidersAtOnceThoughOwnersAreCached() throws Exception {
    String outsider = server.userToken("otto", false);
    String path = "/apis/core/v1/namespaces/ledger/configmaps";
    // Unowned: every user reads. This also caches "no owner" for the namespace.
    assertThat(server.send("GET", path, outsider, null, null).statusCode()).isEqualTo(200);
    server.post("/api/v1/teams", "{\"name\":\"accounting\"}");

    server.send(
        "PUT",
        "/api/v1/namespaces/ledger/owner",
        server.adminToken,
        "application/json",
        "{\"team\":\"accounting\"}");

    assertThat(server.send("GET", path, outsider, null, null).statusCode()).isEqualTo(403);
  }

  @Test
  void revokedTokenStopsWorkingImmediately() throws Exception {
    JsonNode token =
        json(server.post("/api/v1/users/admin/tokens", "{\"description\":\"short-lived\"}"));
    String secret = token.path("token").asText();
    assertThat(server.send("GET", "/api/v1/whoami", secret, null, null).statusCode())
        .isEqualTo(200);

    HttpResponse<String> revoked =
        server.send(
            "DELETE", "/api/v1/tokens/" + token.path("id").asText(), server.adminToken, null, null);

    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(server.send("GET", "/api/v1/whoami", secret, null, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void brokenYamlIsABadRequestAndStoresNothing() throws Exception {
    // Compare the stored ConfigMaps, not the list's resourceVersion: that is the store-wide
    // version, which other writers in this server (controllers, other kinds) may move meanwhile.
    String before = json(server.get(CM)).path("items").toString();

    HttpResponse<String> res =
        server.send("POST", CM, server.adminToken, "application/yaml", "metadata: [unclosed");

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).path("detail").asText()).contains("YAML");
    assertThat(json(server.get(CM)).path("items").toString()).isEqualTo(before);
  }

  @Test
  void wrongTypeIsUnprocessableAndNamesTheField() throws Exception {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"typed\"},\"data\":{\"k\":7}}";

    HttpResponse<String> res = server.post(CM, body);

    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(json(res).path("errors").get(0).path("field").asText()).isEqualTo("data.k");
    assertThat(server.get(CM + "/typed").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownKindIsReportedAsNotServed() throws Exception {
    HttpResponse<String> res = server.post("/apis/example.com/v1/namespaces/shop/widgets", "{}");

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(json(res).path("detail").asText()).contains("widgets");
  }

  @Test
  void documentOfUnknownKindInABodyIsUnprocessable() throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"}}";

    HttpResponse<String> res = server.post(CM, body);

    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(json(res).path("errors").get(0).path("field").asText()).isEqualTo("kind");
  }

  @Test
  void oversizedBodyIsRejectedWith413() throws Exception {
    String big = configMap("big", "x".repeat(4 * 1024 * 1024));

    HttpResponse<String> res = server.post(CM, big);

    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(server.get(CM + "/big").statusCode()).isEqualTo(404);
  }

  @Test
  void concurrentReplacesOfTheSameVersionLetExactlyOneWin() throws Exception {
    JsonNode created = json(server.post(CM, configMap("race", "0")));
    String rv = created.path("metadata").path("resourceVersion").asText();
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      String body =
          configMap("race", "v" + i)
              .replace("\"name\":\"race\"", "\"name\":\"race\",\"resourceVersion\":\"" + rv + "\"");
      writers.add(() ->
          server
              .send("PUT", CM + "/race", server.adminToken, "application/json", body)
              .statusCode());
    }
    List<Integer> codes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Integer> f : pool.invokeAll(writers)) {
        codes.add(f.get());
      }
    }

    assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
    assertThat(codes).filteredOn(c -> c == 409).hasSize(7);
    assertThat(json(server.get(CM + "/race")).path("data").path("k").asText()).startsWith("v");
  }

  @Test
  void mergePatchChangesOnlyTheGivenFields() throws Exception {
    server.post(CM, configMap("patched", "a"));

    HttpResponse<String> res =
        server.send(
            "PATCH",
            CM + "/patched",
            server.adminToken,
            "application/merge-patch+json",
            "{\"data\":{\"extra\":\"b\"}}");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(json(res).path("data").path("k").asText()).isEqualTo("a");
    assertThat(json(res).path("data").path("extra").asText()).isEqualTo("b");
  }

  @Test
  void watchResumesFromAResourceVersionAndStreamsLiveEvents() throws Exception {
    long from = listVersion();
    server.post(CM, configMap("w1", "a"));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.url(CM + "?watch=true&resourceVersion=" + from)))
            .header("Authorization", "Bearer " + server.adminToken)
            .build();
    HttpResponse<java.io.InputStream> res =
        server.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      JsonNode first = Json.parse(nextEvent(lines));
      server.send(
          "PATCH",
          CM + "/w1",
          server.adminToken,
          "application/merge-patch+json",
          "{\"data\":{\"k\":\"b\"}}");
      JsonNode second = Json.parse(nextEvent(lines));

      assertThat(first.path("type").asText()).isEqualTo("ADDED");
      assertThat(first.path("object").path("metadata").path("name").asText()).isEqualTo("w1");
      assertThat(second.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(second.path("object").path("data").path("k").asText()).isEqualTo("b");
    }
  }

  @Test
  void seedExamplesApplyAsWritten() throws Exception {
    Path seeds = Path.of("../../shared/specs/seed-examples.yaml");
    if (!Files.exists(seeds)) {
      seeds = Path.of("../shared/specs/seed-examples.yaml");
    }
    for (JsonNode doc : dev.pilothouse.core.json.Yaml.readAll(Files.readString(seeds), "seeds")) {
      var kind = server.server.context().resources().kinds().kindOf(doc);
      String group = kind.group().isEmpty() ? "core" : kind.group();
      String path = "/apis/" + group + "/" + kind.version() + "/namespaces/seeds/" + kind.plural();
      HttpResponse<String> res = server.post(path, Json.write(doc));
      assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    }
    assertThat(
            json(server.get("/apis/argoproj.io/v1alpha1/namespaces/seeds/rollouts")).path("items"))
        .hasSize(2);
  }

  @Test
  void metricsExposeRequestCountsByRoute() throws Exception {
    server.get(CM);

    HttpResponse<String> metrics = server.send("GET", "/metrics", null, null, null);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "pilothouse_http_requests_total{method=\"GET\",route=\"/apis/{group}/{version}/namespaces/{namespace}/{plural}\",status=\"200\"}")
        .contains("pilothouse_db_pool_connections")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void malformedQueryParametersAreUnprocessableNotServerErrors() throws Exception {
    HttpResponse<String> watch = server.get(CM + "?watch=true&resourceVersion=abc");
    HttpResponse<String> audit = server.get("/api/v1/audit?limit=lots");

    assertThat(watch.statusCode()).isEqualTo(422);
    assertThat(json(watch).path("errors").get(0).path("field").asText())
        .isEqualTo("resourceVersion");
    assertThat(audit.statusCode()).isEqualTo(422);
    assertThat(json(audit).path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void auditLogRecordsWhoChangedWhatWithVersions() throws Exception {
    JsonNode created = json(server.post(CM, configMap("audited", "a")));
    server.send("DELETE", CM + "/audited", server.adminToken, null, null);

    JsonNode entries = json(server.get("/api/v1/audit?namespace=shop&limit=50")).path("items");

    long rv = created.path("metadata").path("resourceVersion").asLong();
    assertThat(entries)
        .anySatisfy(e -> {
          assertThat(e.path("verb").asText()).isEqualTo("create");
          assertThat(e.path("actor").asText()).isEqualTo("admin");
          assertThat(e.path("target").asText()).endsWith("shop/audited");
          assertThat(e.path("afterVersion").asLong()).isEqualTo(rv);
        })
        .anySatisfy(e -> {
          assertThat(e.path("verb").asText()).isEqualTo("delete");
          assertThat(e.path("beforeVersion").asLong()).isEqualTo(rv);
        });
  }

  @Test
  void unknownPathIsA404Problem() throws Exception {
    HttpResponse<String> res = server.send("GET", "/no/such/path", null, null, null);

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void openWatchesAreCounted() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.url(CM + "?watch=true")))
            .header("Authorization", "Bearer " + server.adminToken)
            .build();
    HttpResponse<java.io.InputStream> res =
        server.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (var body = res.body()) {
      String metrics = server.send("GET", "/metrics", null, null, null).body();

      assertThat(metrics).containsPattern("(?m)^pilothouse_watches_open [1-9]");
    }
  }

  @Test
  void healthAndReadinessAnswerWithoutAToken() throws Exception {
    assertThat(server.send("GET", "/healthz", null, null, null).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/readyz", null, null, null).statusCode()).isEqualTo(200);
  }

  private static String nextEvent(BufferedReader lines) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.readLine();
      if (line != null && !line.isBlank()) {
        return line;
      }
    }
    throw new AssertionError("no watch event within 10 s");
  }

  private static long listVersion() throws Exception {
    return json(server.get(CM)).path("metadata").path("resourceVersion").asLong();
  }
}
