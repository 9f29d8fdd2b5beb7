package dev.pilothouse.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Delivery pages in a real headless Chromium, following a rollout the controller runs. */
class PortalRolloutBrowserTest {
  private static final Path SHOTS = Paths.get("target/portal-screenshots").toAbsolutePath();
  private static PortalFixture fixture;
  private static Rollouts rollouts;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    fixture = new PortalFixture();
    rollouts = new Rollouts(fixture);
    playwright = Playwright.create();
    browser = playwright.chromium().launch(PortalBrowserTest.launchOptions());
  }

  @AfterAll
  static void stop() throws Exception {
    browser.close();
    playwright.close();
    fixture.close();
  }

  @Test
  void promotingAPausedCanaryUpdatesThePageLive() throws Exception {
    // The timed pause after the last weight keeps the rollout busy for a moment after the
    // promote, so Healthy arrives while the page is open rather than before it loads.
    rollouts.canary(
        "shop",
        "web",
        "web:v1",
        "[{setWeight: 25}, {pause: {}}, {setWeight: 75}, {pause: {duration: 2s}}]");
    rollouts.awaitPhase("shop", "web", "Healthy");
    rollouts.setImage("shop", "web", "web:v2");
    rollouts.awaitPhase("shop", "web", "Paused");
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context);
      page.navigate(fixture.url("/delivery"));
      assertThat(page.locator("[id='rollout/shop/web']")).containsText("Paused");
      page.click("a:text('web')");

      assertThat(page.locator("[data-phase]")).hasText("Paused");
      assertThat(page.locator(".step.current")).containsText("pause until promoted");
      assertThat(page.locator("[data-live-badge]")).isVisible();
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SHOTS.resolve("rollout.png")).setFullPage(true));

      page.click("button:text-is('Promote')");
      page.waitForURL(fixture.url("/delivery/shop/web?done=promote"));
      page.evaluate("window.samePage = true"); // lost if the page were loaded again
      assertThat(page.locator("[data-live-badge]")).isVisible();
      assertThat(page.locator("[data-phase]")).hasText("Healthy");
      assertThat(page.locator(".step.current")).hasCount(0);
      assertThat(page.evaluate("window.samePage === true")).isEqualTo(true);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SHOTS.resolve("rollout-healthy.png"))
              .setFullPage(true));
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
