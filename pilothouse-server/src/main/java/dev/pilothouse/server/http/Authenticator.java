package dev.pilothouse.server.http;

import dev.pilothouse.core.error.UnauthorizedException;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.core.tenancy.TenancyRepository;
import dev.pilothouse.core.tenancy.Tokens;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the caller from a bearer token (API, CLI) or the portal's session cookie. Lookups are
 * cached briefly so hot read paths don't hit the database per request; any tenancy change on this
 * replica clears the cache, so a revoked token stops working at once here and within {@code ttl} on
 * other replicas.
 */
public final class Authenticator {
  /** Name of the portal's session cookie, which holds an API token. */
  public static final String COOKIE = "pilothouse_token";

  private final TenancyRepository tenancy;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final java.util.List<Runnable> invalidationListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Cached(Optional<Principal> principal, Instant expires) {}

  /**
   * @param ttl how long a token lookup is reused
   */
  public Authenticator(TenancyRepository tenancy, Clock clock, Duration ttl) {
    this.tenancy = tenancy;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * The authenticated caller.
   *
   * @throws UnauthorizedException when no credentials are presented or they are not valid
   */
  public Principal require(ServerRequest req) {
    String token =
        token(req)
            .orElseThrow(() ->
                new UnauthorizedException(
                    "an API token is required (Authorization: Bearer <token>)"));
    return verify(token)
        .orElseThrow(() -> new UnauthorizedException("the API token is invalid or revoked"));
  }

  /** The caller when valid credentials are presented. */
  public Optional<Principal> optional(ServerRequest req) {
    return token(req).flatMap(this::verify);
  }

  /** The principal a token secret belongs to, if it is valid and not revoked. */
  public Optional<Principal> verify(String secret) {
    String hash = Tokens.hash(secret);
    Instant now = clock.instant();
    Cached cached = cache.get(hash);
    if (cached != null && cached.expires().isAfter(now)) {
      return cached.principal();
    }
    Optional<Principal> principal = tenancy.principalForTokenHash(hash);
    if (cache.size() > 10_000) {
      cache.clear(); // bounded: tokens are few; this only guards against random-token floods
    }
    cache.put(hash, new Cached(principal, now.plus(ttl)));
    return principal;
  }

  /**
   * Forgets cached lookups after a tenancy change (revocation, role change, namespace ownership),
   * here and in every cache registered with {@link #onInvalidate}.
   */
  public void invalidate() {
    cache.clear();
    invalidationListeners.forEach(Runnable::run);
  }

  /** Also clears {@code cache} on every tenancy change (e.g. the namespace owner cache). */
  public Authenticator onInvalidate(Runnable cache) {
    invalidationListeners.add(cache);
    return this;
  }

  private static Optional<String> token(ServerRequest req) {
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isPresent()) {
      String value = header.get().trim();
      return value.regionMatches(true, 0, "Bearer ", 0, 7)
          ? Optional.of(value.substring(7).trim())
          : Optional.empty();
    }
    Optional<String> apiKey = req.headers().first(HeaderNames.create("X-API-Key"));
    if (apiKey.isPresent()) {
      return apiKey;
    }
    return req.headers().cookies().first(COOKIE).asOptional();
  }
}
