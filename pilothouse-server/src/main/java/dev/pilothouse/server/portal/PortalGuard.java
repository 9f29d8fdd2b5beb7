package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Problems;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps portal handlers: pages need a signed-in user (else a redirect to the login form), and any
 * error becomes a friendly HTML page with the error's safe message, never a stack trace.
 */
final class PortalGuard {
  private static final Logger LOG = LoggerFactory.getLogger(PortalGuard.class);

  /** A page handler that runs for a signed-in user. */
  @FunctionalInterface
  interface Page {
    void handle(ServerRequest req, ServerResponse res, Principal who) throws Exception;
  }

  private final Authenticator auth;
  private final Views views;

  PortalGuard(Authenticator auth, Views views) {
    this.auth = auth;
    this.views = views;
  }

  /** A handler that requires a valid session and renders errors as pages. */
  Handler signedIn(Page page) {
    return (req, res) -> {
      Optional<Principal> who = auth.optional(req);
      if (who.isEmpty()) {
        if (Sessions.present(req)) {
          Sessions.close(req, res); // revoked or stale: don't keep sending it
        }
        Views.redirect(
            res, "/login?next=" + URLEncoder.encode(target(req), StandardCharsets.UTF_8));
        return;
      }
      run(req, res, who.get(), page);
    };
  }

  /** A handler open to everyone (the login form), still rendering errors as pages. */
  Handler open(Handler handler) {
    return (req, res) -> run(req, res, null, (q, r, who) -> handler.handle(q, r));
  }

  private void run(ServerRequest req, ServerResponse res, Principal who, Page page) {
    try {
      page.handle(req, res, who);
    } catch (PilothouseException e) {
      Problems.Problem problem = Problems.of(e);
      error(res, who, problem.status(), problem.body().path("title").asText(), e.getMessage());
    } catch (Exception e) {
      LOG.atError().setCause(e).addKeyValue("path", req.path().path()).log("portal page failed");
      error(res, who, 500, "Something went wrong", "An unexpected error occurred; see the log.");
    }
  }

  private void error(ServerResponse res, Principal who, int status, String title, String detail) {
    if (res.isSent()) {
      return; // a stream already started; nothing sensible can be sent any more
    }
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome(title, "", who));
    params.put("status", status);
    params.put("detail", detail);
    views.send(res, status, "error.jte", params);
  }

  private static String target(ServerRequest req) {
    String query = req.query().rawValue();
    return req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
  }
}
