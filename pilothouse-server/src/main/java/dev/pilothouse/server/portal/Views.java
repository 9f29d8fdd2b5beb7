package dev.pilothouse.server.portal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the portal's jte templates (precompiled at build time by jte-maven-plugin) and sends them
 * with the headers every page carries.
 */
final class Views {
  // Pages only load scripts and styles from the portal itself; the meta tag in the layout stops
  // htmx from injecting its indicator styles, which this policy would block.
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders a template to a string (HTML-escaped: jte runs in Html mode). */
  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  /** Renders and sends a page. Rendering happens first so a failure can still become an error. */
  void send(ServerResponse res, int status, String template, Map<String, Object> params) {
    byte[] body = render(template, params).getBytes(StandardCharsets.UTF_8);
    res.status(Status.create(status));
    secure(res);
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.send(body);
  }

  /** Sends a 200 page. */
  void send(ServerResponse res, String template, Map<String, Object> params) {
    send(res, 200, template, params);
  }

  /** Headers for every portal response with user data in it. */
  static void secure(ServerResponse res) {
    res.header("Content-Security-Policy", CSP);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "same-origin");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
  }

  /** Sends a 303 to {@code location}, so a POST is followed by a GET. */
  static void redirect(ServerResponse res, String location) {
    res.status(Status.SEE_OTHER_303);
    res.header(HeaderNames.LOCATION, location);
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send();
  }
}
