package dev.pilothouse.core.tenancy;

import dev.pilothouse.core.resource.Actor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: teams, users, memberships, namespace ownership and API tokens. Every mutation appends an
 * audit entry in the same transaction.
 */
public interface TenancyRepository {

  /**
   * @throws dev.pilothouse.core.error.AlreadyExistsException when the name is taken
   */
  Team createTeam(String name, Actor actor);

  List<Team> teams();

  /**
   * @throws dev.pilothouse.core.error.AlreadyExistsException when the name is taken
   */
  User createUser(String name, boolean platformAdmin, Actor actor);

  Optional<User> user(String name);

  List<User> users();

  /** Whether any user exists (false only on first start). */
  boolean hasUsers();

  /**
   * Sets a user's role in a team, or removes the membership when {@code role} is null.
   *
   * @throws dev.pilothouse.core.error.NotFoundException when the team or user does not exist
   */
  void setMembership(String team, String user, Role role, Actor actor);

  /** Members of a team, or of all teams when {@code team} is null. */
  List<Membership> memberships(String team);

  /**
   * Makes a team the owner of a namespace (re-assigning it if owned).
   *
   * @throws dev.pilothouse.core.error.NotFoundException when the team does not exist
   */
  void assignNamespace(String namespace, String team, Actor actor);

  /** The owning team of a namespace, if any. */
  Optional<String> namespaceOwner(String namespace);

  /** Every owned namespace and its team. */
  Map<String, String> namespaceOwners();

  /**
   * Stores a new token's hash for a user.
   *
   * @return the token's metadata
   * @throws dev.pilothouse.core.error.NotFoundException when the user does not exist
   */
  ApiToken createToken(String user, String description, String secretHash, Actor actor);

  /** The principal an active (not revoked) token hash belongs to. */
  Optional<Principal> principalForTokenHash(String secretHash);

  /** Tokens of a user, or of everyone when {@code user} is null, active and revoked. */
  List<ApiToken> tokens(String user);

  /**
   * Revokes a token; it stops authenticating immediately.
   *
   * @throws dev.pilothouse.core.error.NotFoundException when no such token exists
   */
  void revokeToken(String tokenId, Actor actor);
}
