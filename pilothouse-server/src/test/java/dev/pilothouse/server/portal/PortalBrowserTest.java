package dev.pilothouse.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal in a real headless Chromium. */
public class PortalBrowserTest {
  private static final Path TARGET = Paths.get("target").toAbsolutePath();
  private static PortalFixture fixture;
  private static Playwright playwright;
  private static Browser browser;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void start() {
    fixture = new PortalFixture();
    playwright = Playwright.create();
    browser = playwright.chromium().launch(launchOptions());
  }

  @AfterAll
  static void stop() throws Exception {
    browser.close();
    playwright.close();
    fixture.close();
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
    page.setDefaultTimeout(10_000);
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  @Test
  void aBadTokenShowsAnError() {
    page.navigate(fixture.url("/login"));
    page.fill("#token", "ph_not-a-real-token");
    page.click("button[type=submit]");
    assertThat(page.locator(".error")).containsText("not valid");
    assertThat(page).hasURL(fixture.url("/login"));
    screenshot("login-error.png");
  }

  @Test
  void aGoodTokenLandsOnTheOverview() {
    signIn();
    assertThat(page).hasURL(fixture.url("/"));
    assertThat(page.locator("h1")).hasText("Overview");
    assertThat(page.locator(".who")).containsText("admin");
    assertThat(page.locator("table")).containsText("ConfigMap");
    screenshot("overview.png");
  }

  @Test
  void pagesSendAnonymousVisitorsToTheLoginForm() {
    page.navigate(fixture.url("/resources/core/v1/configmaps"));
    assertThat(page).hasURL(fixture.url("/login?next=%2Fresources%2Fcore%2Fv1%2Fconfigmaps"));
    page.fill("#token", fixture.secret);
    page.click("button[type=submit]");
    assertThat(page).hasURL(fixture.url("/resources/core/v1/configmaps"));
  }

  @Test
  void theListShowsStoredObjectsAndFollowsChangesLive() throws Exception {
    fixture.createConfigMap("shop", "web-config");
    signIn();
    page.navigate(fixture.url("/resources/core/v1/configmaps"));
    assertThat(row("shop", "web-config")).containsText("app=web");
    assertThat(page.locator("[data-live-badge]")).isVisible(); // the stream is connected

    fixture.createConfigMap("shop", "api-config");
    assertThat(row("shop", "api-config")).isVisible();
    screenshot("resource-list.png");

    fixture.deleteConfigMap("shop", "api-config");
    assertThat(row("shop", "api-config")).hasCount(0);
    assertThat(row("shop", "web-config")).isVisible();
  }

  @Test
  void theObjectPageShowsYamlAndFollowsChanges() {
    fixture.createConfigMap("billing", "invoices");
    signIn();
    page.navigate(fixture.url("/resources/core/v1/configmaps"));
    page.click("a:text('invoices')");
    assertThat(page).hasURL(fixture.url("/resources/core/v1/configmaps/billing/invoices"));
    assertThat(page.locator("pre.yaml")).containsText("name: invoices");
    assertThat(page.locator("[data-live-badge]")).isVisible();
    screenshot("object.png");

    fixture.deleteConfigMap("billing", "invoices");
    assertThat(page.locator("#object-body .error")).containsText("deleted");
  }

  @Test
  void signingOutEndsTheSession() {
    signIn();
    page.click("text=Log out");
    assertThat(page).hasURL(fixture.url("/login"));
    page.navigate(fixture.url("/"));
    assertThat(page).hasURL(fixture.url("/login?next=%2F"));
    assertThat(context.cookies()).noneMatch(c -> c.name.equals("pilothouse_token"));
  }

  private void signIn() {
    page.navigate(fixture.url("/login"));
    page.fill("#token", fixture.secret);
    page.click("button[type=submit]");
    page.waitForURL(fixture.url("/"));
  }

  private com.microsoft.playwright.Locator row(String namespace, String name) {
    return page.locator("[id='" + ObjectRow.domId(namespace, name) + "']");
  }

  private void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(TARGET.resolve("portal-screenshots").resolve(name))
            .setFullPage(true));
  }

  /** Headless Debian Chromium with its profile kept under target/ (shared by browser tests). */
  public static BrowserType.LaunchOptions launchOptions() {
    // Keep Chromium's profile and caches inside target/, not in the user's home.
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("XDG_CONFIG_HOME", TARGET.resolve("chromium/config").toString());
    env.put("XDG_CACHE_HOME", TARGET.resolve("chromium/cache").toString());
    return new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium"))
        .setHeadless(true)
        .setEnv(env)
        .setArgs(
            List.of(
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run"));
  }
}
