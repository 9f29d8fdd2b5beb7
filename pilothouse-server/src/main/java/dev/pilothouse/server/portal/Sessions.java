package dev.pilothouse.server.portal;

import dev.pilothouse.server.http.Authenticator;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;

/**
 * The portal session: a cookie holding the user's API token. HttpOnly keeps it from scripts;
 * SameSite=Strict keeps other sites from riding on it, which is the portal's CSRF protection.
 */
final class Sessions {
  private Sessions() {}

  /** Starts a session with a verified token. */
  static void open(ServerRequest req, ServerResponse res, String token) {
    res.headers().addCookie(cookie(req, token).build());
  }

  /** Ends the session, whether or not there was one. */
  static void close(ServerRequest req, ServerResponse res) {
    // Helidon leaves out a zero Max-Age, so expire the cookie in the past instead.
    res.headers().addCookie(cookie(req, "").expires(Instant.EPOCH).build());
  }

  /** Whether the request carries a session cookie (valid or not). */
  static boolean present(ServerRequest req) {
    return req.headers().cookies().contains(Authenticator.COOKIE);
  }

  private static SetCookie.Builder cookie(ServerRequest req, String value) {
    return SetCookie.builder(Authenticator.COOKIE, value)
        .path("/")
        .httpOnly(true)
        .secure(req.isSecure())
        .sameSite(SetCookie.SameSite.STRICT);
  }

  /**
   * Where to go after signing in: a local path only, so the login form is no open redirect.
   * Protocol-relative ({@code //host}) and backslash forms are refused as browsers treat them as
   * other hosts.
   */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.startsWith("/login")) {
      return "/";
    }
    return next;
  }
}
