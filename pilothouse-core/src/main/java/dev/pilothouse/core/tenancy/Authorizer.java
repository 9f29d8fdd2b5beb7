package dev.pilothouse.core.tenancy;

import dev.pilothouse.core.error.ForbiddenException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a principal may read or write in a namespace. Platform admins may do anything. In
 * a namespace owned by a team, viewers read and editors and admins write. Namespaces owned by no
 * team, and cluster-scoped resources (namespace ""), are readable by every user and writable by
 * platform admins only.
 */
public final class Authorizer {
  private final Function<String, Optional<String>> owners;

  /**
   * @param owners the owning team of a namespace
   */
  public Authorizer(Function<String, Optional<String>> owners) {
    this.owners = owners;
  }

  /** Whether the principal may perform {@code access} in {@code namespace}. */
  public boolean allows(Principal principal, Access access, String namespace) {
    if (principal.platformAdmin()) {
      return true;
    }
    Optional<String> team = namespace.isEmpty() ? Optional.empty() : owners.apply(namespace);
    if (team.isEmpty()) {
      return access == Access.READ;
    }
    Role needed = access == Access.READ ? Role.VIEWER : Role.EDITOR;
    return principal.roleIn(team.get()).map(r -> r.includes(needed)).orElse(false);
  }

  /**
   * @throws ForbiddenException naming the user, the access and the namespace when not allowed
   */
  public void require(Principal principal, Access access, String namespace) {
    if (!allows(principal, access, namespace)) {
      String where = namespace.isEmpty() ? "cluster-scoped resources" : "namespace " + namespace;
      throw new ForbiddenException(
          "user "
              + principal.user()
              + " may not "
              + access.name().toLowerCase(java.util.Locale.ROOT)
              + " in "
              + where);
    }
  }

  /**
   * @throws ForbiddenException unless the principal administers the team (or the platform)
   */
  public void requireTeamAdmin(Principal principal, String team) {
    if (!principal.platformAdmin()
        && !principal.roleIn(team).map(r -> r == Role.ADMIN).orElse(false)) {
      throw new ForbiddenException("user " + principal.user() + " is not an admin of team " + team);
    }
  }

  /**
   * @throws ForbiddenException unless the principal is a platform admin
   */
  public void requirePlatformAdmin(Principal principal) {
    if (!principal.platformAdmin()) {
      throw new ForbiddenException("user " + principal.user() + " is not a platform admin");
    }
  }
}
