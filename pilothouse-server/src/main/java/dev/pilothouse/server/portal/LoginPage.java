package dev.pilothouse.server.portal;

import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Signing in by pasting an API token, and signing out. */
final class LoginPage {
  private final Authenticator auth;
  private final Views views;

  LoginPage(Authenticator auth, Views views) {
    this.auth = auth;
    this.views = views;
  }

  /** GET /login: the form, or straight on when already signed in. */
  void form(ServerRequest req, ServerResponse res) {
    String next = Sessions.safeNext(req.query().first("next").orElse("/"));
    if (auth.optional(req).isPresent()) {
      Views.redirect(res, next);
      return;
    }
    render(res, 200, next, null);
  }

  /** POST /login: verifies the token and starts a session, or shows the form with an error. */
  void submit(ServerRequest req, ServerResponse res) {
    Map<String, String> form = Forms.read(req);
    String next = Sessions.safeNext(form.get("next"));
    String token = form.getOrDefault("token", "").trim();
    if (token.isEmpty()) {
      render(res, 400, next, "Paste an API token to sign in.");
      return;
    }
    Optional<Principal> who = auth.verify(token);
    if (who.isEmpty()) {
      render(res, 401, next, "That token is not valid, or it has been revoked.");
      return;
    }
    Sessions.open(req, res, token);
    Views.redirect(res, next);
  }

  /** GET or POST /logout: ends the session. */
  void logout(ServerRequest req, ServerResponse res) {
    Sessions.close(req, res);
    Views.redirect(res, "/login");
  }

  private void render(ServerResponse res, int status, String next, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome("Sign in", "", null));
    params.put("next", next);
    params.put("error", error);
    views.send(res, status, "login.jte", params);
  }
}
