package dev.pilothouse.store;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.ApiToken;
import dev.pilothouse.core.tenancy.Membership;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.core.tenancy.Role;
import dev.pilothouse.core.tenancy.Team;
import dev.pilothouse.core.tenancy.TenancyRepository;
import dev.pilothouse.core.tenancy.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** {@link TenancyRepository} on PostgreSQL; each mutation and its audit entry commit together. */
public final class PostgresTenancyRepository implements TenancyRepository {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;

  /**
   * @param clock stamps creation times and audit entries
   */
  public PostgresTenancyRepository(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  @Override
  public Team createTeam(String name, Actor actor) {
    Team team = new Team(name, now());
    mutate(
        actor,
        "team.create",
        "team/" + name,
        "",
        h -> {
          try {
            h.execute(
                "INSERT INTO teams (name, created) VALUES (?, ?)",
                name,
                team.created().atOffset(ZoneOffset.UTC));
          } catch (StatementException e) {
            throw alreadyExistsOr(e, "team " + name);
          }
        });
    return team;
  }

  @Override
  public List<Team> teams() {
    return query(h ->
        h.createQuery("SELECT name, created FROM teams ORDER BY name")
            .map((rs, ctx) -> new Team(rs.getString(1), TenancyRows.instant(rs, 2)))
            .list());
  }

  @Override
  public User createUser(String name, boolean platformAdmin, Actor actor) {
    User user = new User(name, platformAdmin, now());
    mutate(
        actor,
        "user.create",
        "user/" + name,
        "",
        h -> {
          try {
            h.execute(
                "INSERT INTO users (name, platform_admin, created) VALUES (?, ?, ?)",
                name,
                platformAdmin,
                user.created().atOffset(ZoneOffset.UTC));
          } catch (StatementException e) {
            throw alreadyExistsOr(e, "user " + name);
          }
        });
    return user;
  }

  @Override
  public Optional<User> user(String name) {
    return query(h -> TenancyRows.users(h, name).stream().findFirst());
  }

  @Override
  public List<User> users() {
    return query(h -> TenancyRows.users(h, null));
  }

  @Override
  public boolean hasUsers() {
    return query(
        h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users)").mapTo(Boolean.class).one());
  }

  @Override
  public void setMembership(String team, String user, Role role, Actor actor) {
    mutate(
        actor,
        "membership.set",
        "team/" + team + "/member/" + user,
        "",
        h -> {
          TenancyRows.requireExists(h, "teams", "team", team);
          TenancyRows.requireExists(h, "users", "user", user);
          if (role == null) {
            h.execute("DELETE FROM memberships WHERE team = ? AND user_name = ?", team, user);
          } else {
            h.execute(
                "INSERT INTO memberships (team, user_name, role) VALUES (?, ?, ?)"
                    + " ON CONFLICT (team, user_name) DO UPDATE SET role = EXCLUDED.role",
                team,
                user,
                role.name());
          }
        });
  }

  @Override
  public List<Membership> memberships(String team) {
    return query(h -> TenancyRows.memberships(h, team));
  }

  @Override
  public void assignNamespace(String namespace, String team, Actor actor) {
    mutate(
        actor,
        "namespace.assign",
        "namespace/" + namespace,
        namespace,
        h -> {
          TenancyRows.requireExists(h, "teams", "team", team);
          h.execute(
              "INSERT INTO namespace_owners (namespace, team) VALUES (?, ?)"
                  + " ON CONFLICT (namespace) DO UPDATE SET team = EXCLUDED.team",
              namespace,
              team);
        });
  }

  @Override
  public Optional<String> namespaceOwner(String namespace) {
    return query(h ->
        h.createQuery("SELECT team FROM namespace_owners WHERE namespace = ?")
            .bind(0, namespace)
            .mapTo(String.class)
            .findOne());
  }

  @Override
  public Map<String, String> namespaceOwners() {
    return query(h -> {
      Map<String, String> owners = new LinkedHashMap<>();
      h.createQuery("SELECT namespace, team FROM namespace_owners ORDER BY namespace")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> owners.put(e.getKey(), e.getValue()));
      return owners;
    });
  }

  @Override
  public ApiToken createToken(String user, String description, String secretHash, Actor actor) {
    ApiToken token = new ApiToken(newTokenId(), user, description, now(), null);
    mutate(
        actor,
        "token.create",
        "token/" + token.id(),
        "",
        h -> {
          TenancyRows.requireExists(h, "users", "user", user);
          try {
            h.execute(
                "INSERT INTO api_tokens (id, user_name, description, secret_hash, created)"
                    + " VALUES (?, ?, ?, ?, ?)",
                token.id(),
                user,
                description,
                secretHash,
                token.created().atOffset(ZoneOffset.UTC));
          } catch (StatementException e) {
            throw alreadyExistsOr(e, "a token with this secret");
          }
        });
    return token;
  }

  @Override
  public Optional<Principal> principalForTokenHash(String secretHash) {
    return query(h -> TenancyRows.principal(h, secretHash));
  }

  @Override
  public List<ApiToken> tokens(String user) {
    return query(h -> TenancyRows.tokens(h, user));
  }

  @Override
  public void revokeToken(String tokenId, Actor actor) {
    mutate(
        actor,
        "token.revoke",
        "token/" + tokenId,
        "",
        h -> {
          int rows =
              h.execute(
                  "UPDATE api_tokens SET revoked = coalesce(revoked, ?) WHERE id = ?",
                  now().atOffset(ZoneOffset.UTC),
                  tokenId);
          if (rows == 0) {
            throw new NotFoundException("token " + tokenId + " not found");
          }
        });
  }

  private interface Mutation {
    void apply(Handle handle);
  }

  private void mutate(Actor actor, String verb, String target, String namespace, Mutation m) {
    StoreErrors.run(() ->
        jdbi.useTransaction(h -> {
          m.apply(h);
          AuditRows.insert(
              h, new AuditEntry(now(), actor.subject(), verb, target, namespace, 0, 0));
        }));
  }

  private <T> T query(org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
    return StoreErrors.call(() -> jdbi.withHandle(callback));
  }

  private static RuntimeException alreadyExistsOr(StatementException e, String what) {
    if (StoreErrors.sqlState(e).filter(StoreErrors.UNIQUE_VIOLATION::equals).isPresent()) {
      return new AlreadyExistsException(what + " already exists", e);
    }
    return e;
  }

  /** Truncated to what PostgreSQL stores, so returned values equal those read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String newTokenId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
