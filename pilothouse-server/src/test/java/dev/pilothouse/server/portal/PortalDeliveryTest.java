package dev.pilothouse.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Role;
import dev.pilothouse.core.tenancy.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Delivery pages over plain HTTP, with the real rollout controller behind them. */
class PortalDeliveryTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects
  private static PortalFixture fixture;
  private static Rollouts rollouts;

  @BeforeAll
  static void start() {
    fixture = new PortalFixture();
    rollouts = new Rollouts(fixture);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void theListShowsPhaseStepAndWeight() throws Exception {
    rollouts.pausedAtIndefinitePause("shop", "cart");

    String html = get("/delivery", fixture.secret).body();

    assertThat(html)
        .contains("id=\"rollout/shop/cart\"", "href=\"/delivery/shop/cart\"")
        .contains("<span class=\"phase phase-paused\">Paused</span>")
        .contains(">1/3<", "aria-label=\"canary 25%, stable 75%\"", ">4/4<")
        .contains("paused: CanaryPauseStep")
        .doesNotContain("arrives with");
  }

  @Test
  void theRolloutPageShowsStepsTrafficAndTheButtonsThatApply() throws Exception {
    rollouts.pausedAtIndefinitePause("shop", "basket");

    String html = get("/delivery/shop/basket", fixture.secret).body();

    assertThat(html)
        .contains("<li class=\"step done\"><span class=\"mark\">done</span> setWeight 25%</li>")
        .contains(
            "<li class=\"step current\" aria-current=\"step\"><span class=\"mark\">current</span>"
                + " pause until promoted</li>")
        .contains("<span class=\"mark\">pending</span> setWeight 75%")
        .contains("canary 25%", "stable 75%", "web: web:v2")
        .contains("/delivery/shop/basket/promote\"", "/delivery/shop/basket/abort\"")
        .doesNotContain("/delivery/shop/basket/retry\"", "/delivery/shop/basket/resume\"");
    assertThat(html).containsPattern("(?s)<tr>.*>2<.*<span class=\"tag\">canary</span>");
    assertThat(html).containsPattern("(?s)<tr>.*>1<.*<span class=\"tag\">stable</span>");
  }

  @Test
  void promoteRedirectsBackAndTheRolloutCompletes() throws Exception {
    rollouts.pausedAtIndefinitePause("shop", "checkout");

    HttpResponse<String> res = post("/delivery/shop/checkout/promote", fixture.secret);

    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location"))
        .hasValue("/delivery/shop/checkout?done=promote");
    rollouts.awaitPhase("shop", "checkout", "Healthy");
    String html = get("/delivery/shop/checkout?done=promote", fixture.secret).body();
    assertThat(html).contains("Promoted: the rollout moves past").contains("phase-healthy");
  }

  @Test
  void abortThenRetryShowTheirButtons() throws Exception {
    rollouts.pausedAtIndefinitePause("shop", "search");

    post("/delivery/shop/search/abort", fixture.secret);
    rollouts.awaitPhase("shop", "search", "Degraded");
    String aborted = get("/delivery/shop/search", fixture.secret).body();
    assertThat(aborted)
        .contains("phase-degraded", "RolloutAborted: aborted by admin")
        .contains("/delivery/shop/search/retry\"")
        .doesNotContain("/delivery/shop/search/promote\"");

    post("/delivery/shop/search/retry", fixture.secret);
    rollouts.await("shop", "search", s -> !s.path("abort").asBoolean());
  }

  @Test
  void viewersSeeNoButtonsAndMayNotAct() throws Exception {
    fixture.tenancy.createTeam("ro", Actor.SYSTEM);
    fixture.tenancy.assignNamespace("ro-ns", "ro", Actor.SYSTEM);
    fixture.tenancy.createUser("watcher", false, Actor.SYSTEM);
    fixture.tenancy.setMembership("ro", "watcher", Role.VIEWER, Actor.SYSTEM);
    String token = Tokens.newSecret();
    fixture.tenancy.createToken("watcher", "test", Tokens.hash(token), Actor.SYSTEM);
    rollouts.pausedAtIndefinitePause("ro-ns", "api");

    String html = get("/delivery/ro-ns/api", token).body();
    HttpResponse<String> promote = post("/delivery/ro-ns/api/promote", token);

    assertThat(html).contains("pause until promoted").doesNotContain("<form method=\"post\"");
    assertThat(promote.statusCode()).isEqualTo(403);
    assertThat(promote.body()).contains("may not write in namespace ro-ns");
  }

  @Test
  void imagesAndMessagesAreEscaped() throws Exception {
    rollouts.canary("escape", "evil", "web:<script>alert(1)</script>", "[{setWeight: 50}]");
    rollouts.awaitPhase("escape", "evil", "Healthy");

    String page = get("/delivery/escape/evil", fixture.secret).body();

    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page).doesNotContain("<script>alert");
  }

  @Test
  void analysisStepsAndTheirRunsAreListed() throws Exception {
    fixture
        .resources()
        .create(
            fixture.resources().kinds().byPath("argoproj.io", "v1alpha1", "analysistemplates"),
            "metrics",
            Yaml.readAll(
                    """
                    apiVersion: argoproj.io/v1alpha1
                    kind: AnalysisTemplate
                    metadata: {name: success-rate}
                    spec:
                      metrics:
                      - name: success-rate
                        successCondition: result[0] >= 0.95
                        provider: {prometheus: {address: "http://127.0.0.1:9", query: "up"}}
                    """,
                    "test")
                .getFirst(),
            Actor.SYSTEM);
    rollouts.canary(
        "metrics",
        "web",
        "web:v1",
        "[{setWeight: 50}, {analysis: {templates: [{templateName: success-rate}]}}]");
    rollouts.awaitPhase("metrics", "web", "Healthy");
    rollouts.setImage("metrics", "web", "web:v2");
    String run =
        rollouts
            .await("metrics", "web", s -> s.path("pilothouse").path("analysisRuns").size() == 1)
            .at("/pilothouse/analysisRuns/0/name")
            .asText();

    String html = get("/delivery/metrics/web", fixture.secret).body();

    assertThat(html)
        .contains("analysis: success-rate")
        .contains("<code>" + run + "</code> <span class=\"tag\">step</span>");
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(fixture.url(path)))
            .header("Cookie", "pilothouse_token=" + token)
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(fixture.url(path)))
            .header("Cookie", "pilothouse_token=" + token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
