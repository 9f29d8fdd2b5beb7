package dev.pilothouse.core.tenancy;

import java.util.Map;
import java.util.Optional;

/**
 * An authenticated caller and what it may do: its platform-admin flag and its role per team.
 *
 * @param tokenId the token it authenticated with (for audit and revocation)
 */
public record Principal(
    String user, boolean platformAdmin, Map<String, Role> teamRoles, String tokenId) {
  public Principal {
    teamRoles = Map.copyOf(teamRoles);
  }

  /** The caller's role in a team, if a member. */
  public Optional<Role> roleIn(String team) {
    return Optional.ofNullable(teamRoles.get(team));
  }
}
