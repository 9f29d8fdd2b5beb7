package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.server.anomaly.AnomalyMonitors;
import dev.pilothouse.server.metrics.FakeApp;
import dev.pilothouse.server.metrics.PrometheusServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AnomalyMonitor follows a real Prometheus series scraped from a fake app: a steady value raises
 * nothing, a jump right after a rollout step becomes an anomaly event blaming that step, and the
 * score is exported on /metrics.
 */
class AnomalyMonitorEndToEndTest {
  private static final String MONITORS =
      "/apis/pilothouse.dev/v1alpha1/namespaces/shop/anomalymonitors";

  private static FakeApp app;
  private static PrometheusServer prometheus;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(PrometheusServer.available(), "needs the Debian prometheus package");
    app =
        FakeApp.start().gauge("checkout_latency_seconds", 0.2).gauge("search_latency_seconds", 0.1);
    prometheus = PrometheusServer.start(app.target());
    server = TestServer.start();
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

  private static String monitor(String name, String service, String query, String extra) {
    return """
    {"apiVersion":"pilothouse.dev/v1alpha1","kind":"AnomalyMonitor",
     "metadata":{"name":"%s"},
     "spec":{"service":"%s","interval":"1s",%s
             "prometheus":{"address":"%s","query":"%s"}}}
    """
        .formatted(name, service, extra, prometheus.url(), query);
  }

  private static JsonNode anomalies(String monitor) throws Exception {
    JsonNode items =
        Json.MAPPER
            .readTree(server.get("/api/v1/events?namespace=shop&type=anomaly.&limit=100").body())
            .path("items");
    return Json.MAPPER.valueToTree(
        java.util.stream.StreamSupport.stream(items.spliterator(), false)
            .filter(e -> e.path("subject").asText().equals("AnomalyMonitor/" + monitor))
            .toList());
  }

  private static String portal() throws Exception {
    HttpResponse<String> page =
        server
            .client()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/anomalies")))
                    .header("Cookie", "pilothouse_token=" + server.adminToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    return page.body();
  }

  private static String metrics() throws Exception {
    return server.send("GET", "/metrics", null, null, null).body();
  }

  /** Waits until the monitor has scored {@link #STEADY} samples, saying why if it cannot. */
  private static void awaitSteadySamples(String monitor) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> {
          AnomalyMonitors.View v = view(monitor).orElse(null);
          assertThat(v).as("monitor %s followed", monitor).isNotNull();
          assertThat(v.points())
              .as("samples scored (latest skip: '%s')", v.lastSkip())
              .isGreaterThanOrEqualTo(STEADY);
        });
  }

  private static java.util.Optional<AnomalyMonitors.View> view(String monitor) {
    return server.server.context().anomalies().views().stream()
        .filter(v -> v.name().equals(monitor))
        .findFirst();
  }

  private static final int STEADY = 5;

  private static PlatformEvent checkoutStep;

  /** Runs the checkout scenario once for the tests that share this server; returns the step. */
  private static synchronized PlatformEvent checkoutJumpAfterARolloutStep() throws Exception {
    if (checkoutStep != null) {
      return checkoutStep;
    }
    HttpResponse<String> created =
        server.post(
            MONITORS, monitor("checkout-latency", "checkout", "checkout_latency_seconds", ""));
    assertThat(created.statusCode()).isEqualTo(201);
    // A detector needs a baseline before a jump can stand out: wait for steady samples, however
    // slow this machine is at the moment.
    awaitSteadySamples("checkout-latency");
    assertThat(anomalies("checkout-latency")).isEmpty();

    PlatformEvent step =
        server
            .server
            .context()
            .backend()
            .events()
            .append(
                PlatformEvent.of(
                    Instant.now(),
                    "rollout.step",
                    "shop",
                    "Rollout/checkout",
                    "checkout",
                    "step 1 of 4: setWeight 20",
                    Map.of("step", "1")));
    app.gauge("checkout_latency_seconds", 2.5);
    await().atMost(Duration.ofSeconds(30)).until(() -> !anomalies("checkout-latency").isEmpty());
    checkoutStep = step;
    return step;
  }

  @Test
  void aJumpAfterARolloutStepIsAnAnomalyPossiblyCausedByThatStep() throws Exception {
    PlatformEvent step = checkoutJumpAfterARolloutStep();
    JsonNode anomaly = anomalies("checkout-latency").get(0);
    assertThat(anomaly.path("type").asText()).isEqualTo("anomaly.detected");
    assertThat(anomaly.path("service").asText()).isEqualTo("checkout");
    assertThat(anomaly.path("attributes").path("value").asDouble()).isEqualTo(2.5);
    assertThat(anomaly.path("attributes").path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(anomaly.path("attributes").path("possibleCause").asText())
        .isEqualTo("rollout.step Rollout/checkout");
    assertThat(anomaly.path("attributes").path("possibleCauseEventId").asLong())
        .isEqualTo(step.id());
    assertThat(anomaly.path("message").asText()).contains("possibly caused by rollout.step");
    assertThat(metrics())
        .containsPattern(
            "pilothouse_anomaly_score\\{monitor=\"checkout-latency\",namespace=\"shop\","
                + "service=\"checkout\"\\} [0-9.E-]+");
  }

  @Test
  void thePortalChartsEachMonitorWithItsAnomaliesAndTheirPossibleCauses() throws Exception {
    checkoutJumpAfterARolloutStep();

    String html = portal();
    int section = html.indexOf("data-monitor=\"shop/checkout-latency\"");
    assertThat(section).isPositive();
    String monitor = html.substring(section, html.indexOf("</section>", section));
    assertThat(monitor)
        .contains("service checkout")
        .contains("<svg")
        .contains("class=\"failed\"") // the jump, drawn red
        .contains("rollout.step Rollout/checkout");
  }

  @Test
  void aChangeOfAnotherServiceIsNotBlamed() throws Exception {
    server.post(MONITORS, monitor("search-latency", "search", "search_latency_seconds", ""));
    awaitSteadySamples("search-latency");
    server
        .server
        .context()
        .backend()
        .events()
        .append(
            PlatformEvent.of(
                Instant.now(),
                "flag.changed",
                "shop",
                "FeatureFlagSet/checkout-flags",
                "checkout",
                "new-checkout on",
                Map.of()));
    app.gauge("search_latency_seconds", 3.0);

    await().atMost(Duration.ofSeconds(30)).until(() -> !anomalies("search-latency").isEmpty());
    JsonNode anomaly = anomalies("search-latency").get(0);
    assertThat(anomaly.path("attributes").has("possibleCause")).isFalse();
    assertThat(anomaly.path("message").asText()).doesNotContain("possibly caused");
  }

  @Test
  void aMonitorWhoseQueryMatchesNothingSaysSoOnThePortal() throws Exception {
    server.post(MONITORS, monitor("typo", "checkout", "checkout_latency_secnds", ""));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> view("typo").map(v -> !v.lastSkip().isEmpty()).orElse(false));
    assertThat(view("typo").orElseThrow().points()).isZero();
    assertThat(portal())
        .contains("data-monitor=\"shop/typo\"")
        .contains("Latest sample not scored: the query matched no series");
  }

  /** Samples of a series Prometheus holds from the last minute (0 before the first scrape). */
  private static int samplesInPrometheus(String series) throws Exception {
    String url =
        prometheus.url()
            + "/api/v1/query?query="
            + java.net.URLEncoder.encode(
                "count_over_time(" + series + "[1m])", java.nio.charset.StandardCharsets.UTF_8);
    JsonNode result =
        Json.MAPPER
            .readTree(
                server
                    .client()
                    .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("data")
            .path("result");
    return result.isEmpty() ? 0 : result.get(0).path("value").path(1).asInt();
  }

  @Test
  void aNewMonitorLearnsFromTheSeriesHistoryInPrometheusBeforeScoringLiveSamples()
      throws Exception {
    // Prometheus scrapes every second: wait until it holds some history of the series.
    await().atMost(Duration.ofSeconds(60)).until(() -> samplesInPrometheus("up") >= 15);
    server.post(MONITORS, monitor("warm", "search", "up", "\"learning\":{\"points\":30},"));

    await().atMost(Duration.ofSeconds(60)).until(() -> view("warm").isPresent());
    String start = view("warm").orElseThrow().warmStart();
    assertThat(start).matches("learned from \\d+ of 30 history samples");
    // Range steps need not line up with scrapes, and a loaded machine misses some: most, not all.
    assertThat(Integer.parseInt(start.split(" ")[2])).isBetween(5, 30);
    assertThat(portal()).contains("Detector start: learned from");
  }

  @Test
  void monitorsAreFollowedAndForgottenThroughTheStoreWatchWithoutListingThemEveryTick()
      throws Exception {
    AnomalyMonitors monitors = server.server.context().anomalies();
    assertThat(
            server
                .post(MONITORS, monitor("watched", "search", "up", "\"learning\":{\"points\":0},"))
                .statusCode())
        .isEqualTo(201);
    // Well before the 30 s safety resync: the watch reported the new monitor.
    await().atMost(Duration.ofSeconds(10)).until(() -> view("watched").isPresent());

    long listed = monitors.listings();
    // Ticks run every second; listing on each would add three or more in this time.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> monitors.listings() <= listed + 1);

    assertThat(
            server
                .send("DELETE", MONITORS + "/watched", server.adminToken, null, null)
                .statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> view("watched").isEmpty());
  }

  @Test
  void aMonitorWithABadLearningLookBackIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> res =
        server.post(
            MONITORS, monitor("bad-learning", "checkout", "up", "\"learning\":{\"points\":-3},"));

    assertThat(res.statusCode()).isEqualTo(422);
    JsonNode error = Json.MAPPER.readTree(res.body()).path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("spec.learning.points");
  }

  @Test
  void aMonitorWithAThresholdOutsideTheUnitIntervalIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> res =
        server.post(MONITORS, monitor("bad", "checkout", "up", "\"threshold\":2,"));

    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(Json.MAPPER.readTree(res.body()).path("errors").get(0).path("field").asText())
        .isEqualTo("spec.threshold");
  }
}
