package dev.pilothouse.server;

import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.TenancyRepository;
import dev.pilothouse.core.tenancy.Tokens;
import java.util.Optional;

/** First start: creates the platform admin and its token, whose secret is shown exactly once. */
public final class Bootstrap {
  /** Name of the user created on first start. */
  public static final String ADMIN = "admin";

  private Bootstrap() {}

  /**
   * Creates the admin user and a token when no user exists yet.
   *
   * @return the new token's secret, or empty when users already existed
   */
  public static Optional<String> ensureAdmin(TenancyRepository tenancy) {
    if (tenancy.hasUsers()) {
      return Optional.empty();
    }
    tenancy.createUser(ADMIN, true, Actor.SYSTEM);
    String secret = Tokens.newSecret();
    tenancy.createToken(ADMIN, "created on first start", Tokens.hash(secret), Actor.SYSTEM);
    return Optional.of(secret);
  }
}
