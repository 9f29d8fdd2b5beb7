package dev.pilothouse.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PortalHttpTest {
  private static PortalFixture fixture;
  private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects

  @BeforeAll
  static void start() {
    fixture = new PortalFixture();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @Test
  void pagesRedirectToTheLoginFormWithoutASession() throws Exception {
    for (String path :
        new String[] {"/", "/resources", "/resources/core/v1/configmaps", "/flags", "/teams"}) {
      HttpResponse<String> res = get(path, null);
      assertThat(res.statusCode()).as(path).isEqualTo(303);
      assertThat(res.headers().firstValue("Location"))
          .as(path)
          .hasValue("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRevokedOrMadeUpCookieRedirectsAndIsCleared() throws Exception {
    HttpResponse<String> res = get("/resources", "ph_madeup");
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c ->
            assertThat(c).startsWith("pilothouse_token=;").contains("Expires=Thu, 1 Jan 1970"));
  }

  @Test
  void signingInSetsAStrictHttpOnlyCookieAndRedirectsToTheRequestedPage() throws Exception {
    HttpResponse<String> res =
        post("/login", "token=" + fixture.secret + "&next=%2Fresources", null);
    assertThat(res.statusCode()).isEqualTo(303);
    assertThat(res.headers().firstValue("Location")).hasValue("/resources");
    assertThat(res.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c ->
            assertThat(c)
                .startsWith("pilothouse_token=" + fixture.secret)
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/"));
  }

  @Test
  void theLoginFormRefusesToRedirectToAnotherSite() throws Exception {
    HttpResponse<String> res =
        post("/login", "token=" + fixture.secret + "&next=%2F%2Fevil.example", null);
    assertThat(res.headers().firstValue("Location")).hasValue("/");
  }

  @Test
  void aWrongTokenRendersTheFormAgainWithAnError() throws Exception {
    HttpResponse<String> res = post("/login", "token=ph_wrong", null);
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.body()).contains("not valid").contains("<form");
  }

  @Test
  void labelValuesAreEscapedOnListAndObjectPages() throws Exception {
    fixture.storeConfigMap("escaping", "evil", "<script>alert(1)</script>");
    String list = get("/resources/core/v1/configmaps?namespace=escaping", fixture.secret).body();
    String object = get("/resources/core/v1/configmaps/escaping/evil", fixture.secret).body();
    for (String html : new String[] {list, object}) {
      assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
      assertThat(html).doesNotContain("<script>alert");
    }
  }

  @Test
  void listsShowOnlyNamespacesTheUserMayRead() throws Exception {
    var tenancy = fixture.tenancy;
    tenancy.createTeam("vault", Actor.SYSTEM);
    tenancy.assignNamespace("vault-ns", "vault", Actor.SYSTEM);
    tenancy.createUser("dev", false, Actor.SYSTEM);
    String devToken = Tokens.newSecret();
    tenancy.createToken("dev", "test", Tokens.hash(devToken), Actor.SYSTEM);
    fixture.createConfigMap("open-ns", "visible-config");
    fixture.createConfigMap("vault-ns", "hidden-config");

    String list = get("/resources/core/v1/configmaps", devToken).body();
    assertThat(list).contains("visible-config").doesNotContain("hidden-config");
    HttpResponse<String> filtered =
        get("/resources/core/v1/configmaps?namespace=vault-ns", devToken);
    assertThat(filtered.statusCode()).isEqualTo(403);
    assertThat(filtered.body()).contains("may not read in namespace vault-ns");
  }

  @Test
  void anUnknownKindShowsAFriendlyErrorPage() throws Exception {
    HttpResponse<String> res = get("/resources/core/v1/nothings", fixture.secret);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(res.body()).contains("does not serve nothings").doesNotContain("Exception");
  }

  @Test
  void capabilitiesNotBuiltYetShowAPlaceholder() throws Exception {
    HttpResponse<String> res = get("/incidents", fixture.secret);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("arrives with incidents and on-call");
  }

  @Test
  void htmxIsServedFromItsWebjar() throws Exception {
    HttpResponse<String> res = get("/static/htmx.min.js", null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(res.body()).contains("htmx");
  }

  @Test
  void theEventStreamSendsChangesAsServerSentEvents() throws Exception {
    long rv = fixture.createConfigMap("sse", "first").resourceVersion();
    String path =
        "/portal/events?group=core&version=v1&plural=configmaps&view=rows&namespace=sse"
            + "&resourceVersion="
            + (rv - 1);
    var req =
        HttpRequest.newBuilder(URI.create(fixture.url(path)))
            .header("Cookie", "pilothouse_token=" + fixture.secret)
            .build();
    HttpResponse<java.io.InputStream> res =
        HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo(": connected");
      assertThat(lines.readLine()).isEmpty();
      assertThat(lines.readLine()).isEqualTo("id: " + rv);
      assertThat(lines.readLine()).isEqualTo("event: upsert");
      assertThat(lines.readLine()).startsWith("data: {").contains("obj/sse/first");
    }
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(fixture.url(path)));
    if (token != null) {
      req.header("Cookie", "pilothouse_token=" + token);
    }
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String form, String token)
      throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(fixture.url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (token != null) {
      req.header("Cookie", "pilothouse_token=" + token);
    }
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
