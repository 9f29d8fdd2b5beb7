package dev.pilothouse.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.pilothouse.cli.LoadGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The demo flow in a real headless Chromium on the rollout page: the weight moving through the
 * canary steps, the success-rate-by-version card, and the automatic abort of the failing version.
 */
class DemoBrowserTest {
  private static final Path TARGET = Paths.get("target").toAbsolutePath();
  private static final LocatorAssertions.ContainsTextOptions LONG =
      new LocatorAssertions.ContainsTextOptions().setTimeout(120_000);

  @Test
  void theRolloutPageShowsTheWeightsAndTheAbortOfTheFailingVersion() throws Exception {
    int servicePort = LocalFixture.freePort();
    try (TestServer server = TestServer.startLocal();
        Playwright playwright = Playwright.create();
        Browser browser =
            playwright
                .chromium()
                .launch(dev.pilothouse.server.portal.PortalBrowserTest.launchOptions())) {
      DemoStory story = new DemoStory(server.server, servicePort, System.out::println);
      story.deployV1();
      LoadGenerator load =
          new LoadGenerator(
              URI.create("http://127.0.0.1:" + servicePort + "/"), 40, Duration.ofMinutes(5), 32);
      // Own threads, not the common pool: it may have a single worker on a 2-core machine.
      Thread loading = Thread.ofPlatform().name("load").start(() -> load.run(t -> {}));
      try (BrowserContext context = browser.newContext()) {
        Page page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.navigate(server.url("/login"));
        page.fill("#token", server.adminToken);
        page.click("button[type=submit]");
        page.waitForURL(server.url("/"));
        page.navigate(server.url("/delivery/demo/demo"));
        assertThat(page.locator("[data-phase]")).hasText("Healthy");

        CompletableFuture<Void> rollouts =
            CompletableFuture.runAsync(() -> {
              try {
                story.healthyCanary();
                story.failingCanary();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
        Locator legend = page.locator(".split-legend");
        assertThat(legend).containsText("canary 20%", LONG);
        assertThat(legend).containsText("canary 50%", LONG);
        screenshot(page, "demo-canary.png");
        // v3: aborted by the failed analysis, with the weight back to 0.
        assertThat(page.locator("[data-phase]"))
            .hasText("Degraded", new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertThat(page.locator(".status-line")).containsText("analysis run", LONG);
        assertThat(legend).containsText("canary 0%", LONG);
        Locator traffic = page.locator("[data-testid=traffic]");
        assertThat(traffic).containsText("pilothouse/demo:v3", LONG);
        assertThat(traffic).containsText("pilothouse/demo:v2", LONG);
        assertThat(traffic.locator("polyline")).not().hasCount(0);
        screenshot(page, "demo-aborted.png");
        rollouts.get();
      } finally {
        load.stop();
        loading.join();
      }
    }
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(TARGET.resolve("portal-screenshots").resolve(name))
            .setFullPage(true));
  }
}
