package dev.pilothouse.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisArg;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.server.metrics.FakeApp;
import dev.pilothouse.server.metrics.MetricProviders;
import dev.pilothouse.server.metrics.PrometheusServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed success-rate AnalysisTemplate, as written except for a reachable address and a 1 s
 * interval, run by the controller against a real Prometheus scraping a fake app.
 */
class AnalysisRunEndToEndTest {
  private static FakeApp app;
  private static PrometheusServer prometheus;
  private static ResourceService resources;
  private static AutoCloseable controller;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(PrometheusServer.available(), "needs the Debian prometheus package");
    app = FakeApp.start().serve("my-app", 995, 5).serve("broken-app", 90, 10);
    prometheus = PrometheusServer.start(app.target());
    InMemoryResourceStore store = new InMemoryResourceStore();
    resources = new ResourceService(KindRegistry.builtin(), store, Clock.systemUTC());
    resources.create(
        AnalysisKinds.template(resources.kinds()), "team-a", seedTemplate(), Actor.SYSTEM);
    controller =
        AnalysisController.start(resources, store, MetricProviders.standard(), Clock.systemUTC());
    awaitSamples();
  }

  private static JsonNode seedTemplate() throws IOException {
    try (InputStream in =
        AnalysisRunEndToEndTest.class.getResourceAsStream(
            "/dev/pilothouse/core/analysis/success-rate.yaml")) {
      ObjectNode doc =
          (ObjectNode)
              Yaml.readAll(new String(in.readAllBytes(), StandardCharsets.UTF_8), "seed")
                  .getFirst();
      ObjectNode metric = (ObjectNode) doc.path("spec").path("metrics").get(0);
      metric.put("interval", "1s");
      ((ObjectNode) metric.path("provider").path("prometheus")).put("address", prometheus.url());
      return doc;
    }
  }

  /** rate() needs two scrapes of each series before the ratio exists. */
  private static void awaitSamples() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String q =
        java.net.URLEncoder.encode("count(rate(http_requests_total[5m]))", StandardCharsets.UTF_8);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            http.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(prometheus.url() + "/api/v1/query?query=" + q))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body()
                .contains("\"4\""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static JsonNode runToEnd(String name, String service) {
    new AnalysisRuns(resources, new ConditionEvaluator())
        .create(
            "team-a",
            name,
            List.of(new AnalysisRuns.TemplateRef("success-rate", false)),
            List.of(new AnalysisArg("service-name", service, null)),
            Actor.SYSTEM);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            List.of("Successful", "Failed", "Error", "Inconclusive")
                .contains(status(name).path("phase").asText()));
    return status(name);
  }

  private static JsonNode status(String name) {
    return resources.get(AnalysisKinds.run(resources.kinds()), "team-a", name).status();
  }

  @Test
  void aHealthyServiceSucceedsAfterThreeMeasurements() {
    JsonNode status = runToEnd("healthy", "my-app");
    assertThat(status.path("phase").asText()).isEqualTo("Successful");
    JsonNode result = status.path("metricResults").get(0);
    assertThat(result.path("count").asInt()).isEqualTo(3);
    assertThat(result.path("successful").asInt()).isEqualTo(3);
    assertThat(result.path("measurements").get(0).path("value").asText()).startsWith("[0.99");
  }

  @Test
  void aServiceWithTenPercentErrorsFails() {
    JsonNode status = runToEnd("broken", "broken-app");
    assertThat(status.path("phase").asText()).isEqualTo("Failed");
    assertThat(status.path("message").asText())
        .isEqualTo("metric \"success-rate\" assessed Failed due to failed (1) > failureLimit (0)");
  }
}
