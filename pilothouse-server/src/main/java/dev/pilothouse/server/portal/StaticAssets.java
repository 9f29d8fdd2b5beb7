package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the portal's few static files from the classpath: its stylesheet and script, and htmx from
 * its webjar. They are read once at start-up, so a missing file fails fast.
 */
final class StaticAssets {
  private static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js";
  private static final String JS = "text/javascript; charset=utf-8";

  private record Asset(byte[] bytes, String type) {}

  private final Map<String, Asset> assets =
      Map.of(
          "htmx.min.js", load(HTMX, JS),
          "live.js", load("portal/static/live.js", JS),
          "favicon.svg", load("portal/static/favicon.svg", "image/svg+xml"),
          "portal.css", load("portal/static/portal.css", "text/css; charset=utf-8"));

  /** GET /static/{file}. */
  void serve(ServerRequest req, ServerResponse res) {
    Asset asset = assets.get(req.path().pathParameters().get("file"));
    if (asset == null) {
      throw new NotFoundException("no such file");
    }
    res.header(HeaderNames.CONTENT_TYPE, asset.type());
    res.header("X-Content-Type-Options", "nosniff");
    // Not fingerprinted, so cached briefly: a new release is picked up within the hour.
    res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
    res.send(asset.bytes());
  }

  private static Asset load(String path, String type) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing portal asset " + path);
      }
      return new Asset(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
