package dev.pilothouse.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.slo.RuleFiles;
import dev.pilothouse.core.slo.SloDocuments;
import dev.pilothouse.core.slo.SloRules;
import dev.pilothouse.server.metrics.FakeApp;
import dev.pilothouse.server.metrics.PrometheusServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SLO pages in headless Chromium over a real Prometheus evaluating the generated rules:
 * checkout is healthy, payments fails half its requests.
 */
class PortalSloBrowserTest {
  private static final Path SHOTS = Paths.get("target/portal-screenshots").toAbsolutePath();
  private static FakeApp app;
  private static PrometheusServer prometheus;
  private static PortalFixture fixture;
  private static Playwright playwright;
  private static Browser browser;

  static String slo(String service) {
    return """
    apiVersion: sloth.slok.dev/v1
    kind: PrometheusServiceLevel
    metadata:
      name: %1$s
    spec:
      service: %1$s
      slos:
        - name: availability
          objective: 99.5
          description: Requests succeed.
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
    String both = slo("checkout") + "---\n" + slo("payments");
    app = FakeApp.start().serve("checkout", 100, 0).serve("payments", 50, 50);
    prometheus =
        PrometheusServer.start(
            app.target(), RuleFiles.ruleFileYaml(SloRules.generate(SloDocuments.read(both, "t"))));
    fixture = new PortalFixture(prometheus.url());
    var kinds = fixture.resources().kinds();
    for (var doc : Yaml.readAll(both, "t")) {
      fixture.resources().create(kinds.kindOf(doc), "shop", doc, Actor.SYSTEM);
    }
    playwright = Playwright.create();
    browser = playwright.chromium().launch(PortalBrowserTest.launchOptions());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
      playwright.close();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (prometheus != null) {
      prometheus.close();
      app.close();
    }
  }

  @Test
  void theServicePageShowsTheSpentBudgetItsBurnDownAndTheFiringPageCondition() throws Exception {
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      do {
        page.navigate(fixture.url("/slos"));
      } while (!(state(page, "payments").contains("Exhausted")
              && state(page, "checkout").contains("Ok"))
          && System.nanoTime() < deadline
          && sleep());
      assertThat(page.locator("[data-slo='shop/payments/availability']")).containsText("Exhausted");
      assertThat(page.locator("[data-slo='shop/checkout/availability']")).containsText("Ok");
      assertThat(page.locator("[data-slo='shop/checkout/availability']")).containsText("99.5%");

      // The burn-down needs the remaining-budget recording to have a sample or two, and the page
      // alert fires only after Prometheus evaluated the recordings it reads and then the alert: on
      // a loaded machine that can take longer than an assertion's own few seconds of retrying.
      do {
        page.navigate(fixture.url("/slos/shop/payments?range=5m"));
      } while ((page.locator("figure.chart polyline").count() == 0
              || !page.locator(".firing").allTextContents().toString().contains("page"))
          && System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()
          && sleep());

      assertThat(page.locator("h1")).hasText("payments");
      assertThat(page.locator("[data-slo='availability'] [data-remaining]")).containsText("-");
      assertThat(page.locator("[data-slo='availability'] figure.chart polyline")).hasCount(1);
      assertThat(page.locator("[data-burn='5m-1h']"))
          .hasClass(java.util.regex.Pattern.compile(".*\\bpage\\b.*"));
      assertThat(page.locator(".firing")).containsText("page");
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SHOTS.resolve("slo-service.png")).setFullPage(true));

      // htmx refreshes the panels in place every 10 s.
      page.waitForResponse(
          r -> r.url().contains("/slos/shop/payments/live"),
          new Page.WaitForResponseOptions().setTimeout(20_000),
          () -> {});
      assertThat(page.locator("[data-slo='availability']")).containsText("Exhausted");

      page.navigate(fixture.url("/slos/shop/checkout?range=5m"));
      assertThat(page.locator("[data-burn='5m-1h']"))
          .hasClass(java.util.regex.Pattern.compile(".*\\bok\\b.*"));
      assertThat(page.locator("[data-slo='availability'] [data-remaining]")).containsText("100.0%");
    }
  }

  private static String state(Page page, String service) {
    return page.locator("[data-slo='shop/" + service + "/availability']").innerText();
  }

  private static boolean sleep() {
    try {
      Thread.sleep(1000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Page signIn(BrowserContext context) {
    Page page = context.newPage();
    page.setDefaultTimeout(15_000);
    page.navigate(fixture.url("/login"));
    page.fill("#token", fixture.secret);
    page.click("button[type=submit]");
    page.waitForURL(fixture.url("/"));
    return page;
  }
}
