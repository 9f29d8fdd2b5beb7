package dev.pilothouse.store;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.tenancy.ApiToken;
import dev.pilothouse.core.tenancy.Membership;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.core.tenancy.Role;
import dev.pilothouse.core.tenancy.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Row reads for {@link PostgresTenancyRepository}. */
final class TenancyRows {
  private TenancyRows() {}

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Users ordered by name; only {@code name} when given. */
  static List<User> users(Handle h, String name) {
    return h.createQuery(
            "SELECT name, platform_admin, created FROM users"
                + " WHERE CAST(:name AS text) IS NULL OR name = :name ORDER BY name")
        .bind("name", name)
        .map((rs, ctx) -> new User(rs.getString(1), rs.getBoolean(2), instant(rs, 3)))
        .list();
  }

  static List<Membership> memberships(Handle h, String team) {
    return h.createQuery(
            "SELECT team, user_name, role FROM memberships"
                + " WHERE CAST(:team AS text) IS NULL OR team = :team ORDER BY team, user_name")
        .bind("team", team)
        .map((rs, ctx) ->
            new Membership(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
        .list();
  }

  static List<ApiToken> tokens(Handle h, String user) {
    return h.createQuery(
            "SELECT id, user_name, description, created, revoked FROM api_tokens"
                + " WHERE CAST(:user AS text) IS NULL OR user_name = :user ORDER BY created, id")
        .bind("user", user)
        .map((rs, ctx) ->
            new ApiToken(
                rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)))
        .list();
  }

  /** The principal of an active token: one row per team membership (or one without). */
  static Optional<Principal> principal(Handle h, String secretHash) {
    record Row(String user, boolean admin, String tokenId, String team, String role) {}
    List<Row> rows =
        h.createQuery(
                """
                SELECT u.name, u.platform_admin, t.id, m.team, m.role
                FROM api_tokens t
                JOIN users u ON u.name = t.user_name
                LEFT JOIN memberships m ON m.user_name = u.name
                WHERE t.secret_hash = :hash AND t.revoked IS NULL
                """)
            .bind("hash", secretHash)
            .map((rs, ctx) ->
                new Row(
                    rs.getString(1),
                    rs.getBoolean(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
            .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Role> roles = new HashMap<>();
    rows.stream()
        .filter(r -> r.team() != null)
        .forEach(r -> roles.put(r.team(), Role.valueOf(r.role())));
    Row first = rows.getFirst();
    return Optional.of(new Principal(first.user(), first.admin(), roles, first.tokenId()));
  }

  /**
   * @throws NotFoundException naming the missing {@code what} (e.g. "team payments")
   */
  static void requireExists(Handle h, String table, String what, String name) {
    boolean exists =
        h.createQuery("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE name = :name)")
            .bind("name", name)
            .mapTo(Boolean.class)
            .one();
    if (!exists) {
      throw new NotFoundException(what + " " + name + " not found");
    }
  }
}
