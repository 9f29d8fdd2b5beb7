package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.slo.RuleFiles;
import dev.pilothouse.core.slo.SloDocuments;
import dev.pilothouse.core.slo.SloRules;
import dev.pilothouse.server.metrics.FakeApp;
import dev.pilothouse.server.metrics.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLOs end to end: Sloth CRDs applied with the CLI, their generated rules loaded into a real
 * Prometheus scraping a fake app (checkout healthy, payments failing half its requests), live
 * budgets from the API and {@code slo status}, and an AnalysisTemplate with the {@code slo}
 * provider that lets the checkout rollout through and blocks the payments one at its analysis step.
 */
class SloBudgetEndToEndTest {
  private static final String NS = "shop";
  private static final String ARGO = "/apis/argoproj.io/v1alpha1/namespaces/" + NS + "/";
  private static FakeApp app;
  private static PrometheusServer prometheus;
  private static TestServer server;
  private static Path specs;

  static String slos(String service) {
    return """
    apiVersion: sloth.slok.dev/v1
    kind: PrometheusServiceLevel
    metadata:
      name: %1$s-slos
    spec:
      service: %1$s
      labels:
        team: shop
      slos:
        - name: availability
          objective: 99.9
          sli:
            events:
              errorQuery: sum(rate(http_requests_total{job="%1$s",status=~"5.."}[{{.window}}]))
              totalQuery: sum(rate(http_requests_total{job="%1$s"}[{{.window}}]))
          alerting:
            name: %1$sAvailability
    """
        .formatted(service);
  }

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(PrometheusServer.available(), "needs the Debian prometheus package");
    String both = slos("checkout") + "---\n" + slos("payments");
    Path tmp = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(tmp);
    specs = Files.createTempFile(tmp.toAbsolutePath(), "slos-", ".yaml");
    Files.writeString(specs, both);
    String rules = RuleFiles.ruleFileYaml(SloRules.generate(SloDocuments.read(both, "test")));
    app = FakeApp.start().serve("checkout", 100, 0).serve("payments", 50, 50);
    prometheus = PrometheusServer.start(app.target(), rules);
    server =
        TestServer.start(ServerOptions.defaults().withPort(0).withPrometheusUrl(prometheus.url()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static CliCall cli(String... args) {
    return CliCall.run(
        Map.of(
            "PILOTHOUSE_SERVER", server.server.url(),
            "PILOTHOUSE_TOKEN", server.adminToken,
            "PILOTHOUSE_CONFIG", specs.resolveSibling("no-config").toString()),
        args);
  }

  private static JsonNode budget(JsonNode status, String service) {
    for (JsonNode item : status.path("items")) {
      if (item.path("service").asText().equals(service)) {
        return item;
      }
    }
    return Json.object();
  }

  private static JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = Json.parse(server.get("/api/v1/slo/status?namespace=" + NS).body());
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("SLO status never matched; last: " + status);
  }

  @Test
  void liveBudgetsGateRolloutsAndTheCliShowsThem() throws Exception {
    CliCall applied = cli("apply", "-f", specs.toString(), "-n", NS);
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(cli("slo", "get", "-n", NS).out())
        .contains("checkout")
        .contains("payments")
        .contains("99.9");
    assertThat(server.get("/api/v1/slo/rules?namespace=" + NS).body())
        .contains("sloth-slo-sli-recordings-checkout-availability")
        .contains("sloth-slo-alerts-payments-availability");

    JsonNode status =
        awaitStatus(s ->
            budget(s, "checkout").path("state").asText().equals("Ok")
                && budget(s, "payments").path("state").asText().equals("Exhausted")
                && budget(s, "payments").path("firing").toString().contains("page"));
    JsonNode checkout = budget(status, "checkout");
    JsonNode payments = budget(status, "payments");
    assertThat(checkout.path("remainingBudget").asDouble()).isGreaterThan(0.99);
    assertThat(checkout.path("burnRates").path("5m").asDouble()).isLessThan(0.01);
    assertThat(payments.path("state").asText()).isEqualTo("Exhausted");
    assertThat(payments.path("remainingBudget").asDouble()).isLessThan(0);
    assertThat(payments.path("burnRates").path("5m").asDouble()).isBetween(400.0, 600.0);

    CliCall shown = cli("slo", "status", "-n", NS);
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("Exhausted").contains("page").contains("Ok");

    ObjectNode template =
        (ObjectNode)
            Json.parse(
                """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"AnalysisTemplate",
                 "metadata":{"name":"error-budget"},
                 "spec":{"args":[{"name":"service"}],
                  "metrics":[{"name":"budget","count":1,"successCondition":"result.healthy",
                   "provider":{"slo":{"service":"{{args.service}}","minRemainingBudget":0.25}}}]}}
                """);
    assertThat(server.post(ARGO + "analysistemplates", Json.write(template)).statusCode())
        .isEqualTo(201);

    String checkoutV1 = deploy("checkout");
    String paymentsV1 = deploy("payments");
    JsonNode promoted =
        awaitRollout(
            "checkout",
            s ->
                s.path("phase").asText().equals("Healthy")
                    && !s.path("stableRS").asText().equals(checkoutV1));
    JsonNode blocked = awaitRollout("payments", s -> s.path("phase").asText().equals("Degraded"));

    assertThat(promoted.path("abort").asBoolean()).isFalse();
    assertThat(blocked.path("stableRS").asText()).isEqualTo(paymentsV1);
    assertThat(blocked.path("message").asText()).contains("RolloutAborted").contains("Failed");
    // The shipped PilothouseRolloutDegraded alert watches this gauge.
    assertThat(server.send("GET", "/metrics", null, null, null).body())
        .containsPattern("(?m)^pilothouse_rollouts_degraded 1(\\.0)?$")
        .containsPattern("(?m)^pilothouse_analysis_runs_failed [1-9]")
        .containsPattern("(?m)^pilothouse_slo_specs_broken 0(\\.0)?$");
  }

  @Test
  void aBadSloResourceIsRefusedWith422NamingTheField() throws Exception {
    String bad =
        Json.write(
            dev.pilothouse.core.json.Yaml.readAll(slos("bad").replace("99.9", "100"), "t").get(0));

    var response =
        server.post("/apis/sloth.slok.dev/v1/namespaces/" + NS + "/prometheusservicelevels", bad);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Json.parse(response.body()).path("errors").toString())
        .contains("spec.slos[0].objective");
  }

  /** Creates the rollout at v1, then starts the canary to v2; returns v1's pod hash. */
  private static String deploy(String service) throws Exception {
    String rollout =
        """
        {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"%1$s"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"%1$s"}},
          "template":{"metadata":{"labels":{"app":"%1$s"}},
                      "spec":{"containers":[{"name":"%1$s","image":"%1$s:v1"}]}},
          "strategy":{"canary":{"steps":[{"setWeight":20},
            {"analysis":{"templates":[{"templateName":"error-budget"}],
                         "args":[{"name":"service","value":"%1$s"}]}},
            {"setWeight":100}]}}}}
        """
            .formatted(service);
    assertThat(server.post(ARGO + "rollouts", rollout).statusCode()).isEqualTo(201);
    String stable =
        awaitRollout(service, s -> s.path("phase").asText().equals("Healthy"))
            .path("stableRS")
            .asText();
    String patch =
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"%1$s\",\"image\":\"%1$s:v2\"}]}}}}"
            .formatted(service);
    server.send(
        "PATCH",
        ARGO + "rollouts/" + service,
        server.adminToken,
        "application/merge-patch+json",
        patch);
    return stable;
  }

  private static JsonNode awaitRollout(String name, Predicate<JsonNode> condition)
      throws Exception {
    return LocalFixture.await(
        "rollout " + name,
        Duration.ofSeconds(60),
        () -> Json.parse(server.get(ARGO + "rollouts/" + name).body()).path("status"),
        condition);
  }
}
