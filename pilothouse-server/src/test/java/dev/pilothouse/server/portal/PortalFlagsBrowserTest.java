package dev.pilothouse.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flags page in a real headless Chromium: see a flag, flip it, see it change. */
class PortalFlagsBrowserTest {
  private static final Path TARGET = Paths.get("target").toAbsolutePath();
  private static PortalFixture fixture;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    fixture = new PortalFixture();
    playwright = Playwright.create();
    browser = playwright.chromium().launch(PortalBrowserTest.launchOptions());
  }

  @AfterAll
  static void stop() throws Exception {
    browser.close();
    playwright.close();
    fixture.close();
  }

  private static void storeFlags(String namespace) {
    var kind = fixture.resources().kinds().byPath("pilothouse.dev", "v1alpha1", "featureflagsets");
    String body =
        """
        {"apiVersion": "pilothouse.dev/v1alpha1", "kind": "FeatureFlagSet",
         "metadata": {"name": "checkout"},
         "spec": {"flags": {
           "new-checkout": {"state": "ENABLED", "variants": {"on": true, "off": false},
             "defaultVariant": "off",
             "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]}},
           "banner": {"state": "DISABLED", "variants": {"blue": "#00f"}, "defaultVariant": "blue"}}}}
        """;
    fixture.resources().create(kind, namespace, Json.parse(body), Actor.SYSTEM);
  }

  @Test
  void flippingAFlagOnTheFlagsPageDisablesItAndRecordsWhoDidIt() {
    storeFlags("prod");
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(10_000);
      page.navigate(fixture.url("/login"));
      page.fill("#token", fixture.secret);
      page.click("button[type=submit]");
      page.waitForURL(fixture.url("/"));

      page.click("nav.side a:text('Flags')");
      page.click("a.tag:text('prod')");
      Locator row = page.locator("tr[data-flag='new-checkout']");
      assertThat(row.locator("[data-state]")).hasText("ENABLED");
      assertThat(row).containsText("on = true");
      assertThat(page.locator("tr[data-flag='banner'] [data-state]")).hasText("DISABLED");
      screenshot(page, "flags.png");

      row.locator("button:text('Disable')").click();

      assertThat(page).hasURL(fixture.url("/flags/prod/new-checkout?done=disable"));
      assertThat(page.locator("[role=status]")).containsText("Disabled");
      assertThat(page.locator(".status-line [data-state]")).hasText("DISABLED");
      assertThat(page.locator("table.history tbody tr").first()).containsText("admin");
      assertThat(page.locator("table.history tbody tr").first())
          .containsText("state: ENABLED -> DISABLED");
      screenshot(page, "flag.png");

      page.click("button:text('Enable')");
      assertThat(page.locator(".status-line [data-state]")).hasText("ENABLED");
      page.click("p.crumbs a:text('Flags')");
      assertThat(page.locator("tr[data-flag='new-checkout'] [data-state]")).hasText("ENABLED");
    }
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(TARGET.resolve("portal-screenshots").resolve(name))
            .setFullPage(true));
  }
}
