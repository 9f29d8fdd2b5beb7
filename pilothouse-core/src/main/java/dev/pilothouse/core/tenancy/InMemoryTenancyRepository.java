package dev.pilothouse.core.tenancy;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.audit.InMemoryAuditLog;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link TenancyRepository} (and its {@link AuditLog}) for tests; one global lock. */
public final class InMemoryTenancyRepository implements TenancyRepository, AuditLog {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Team> teams = new TreeMap<>();
  private final Map<String, User> users = new TreeMap<>();
  private final Map<String, Map<String, Role>> roles = new TreeMap<>();
  private final Map<String, String> owners = new TreeMap<>();
  private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
  private final Map<String, String> tokenIdsByHash = new HashMap<>();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final Clock clock;

  /** A repository stamping times with {@code clock}. */
  public InMemoryTenancyRepository(Clock clock) {
    this.clock = clock;
  }

  /** A repository on the system clock. */
  public InMemoryTenancyRepository() {
    this(Clock.systemUTC());
  }

  @Override
  public synchronized Team createTeam(String name, Actor actor) {
    if (teams.containsKey(name)) {
      throw new AlreadyExistsException("team " + name + " already exists");
    }
    Team team = new Team(name, clock.instant());
    teams.put(name, team);
    record(actor, "team.create", "team/" + name, "");
    return team;
  }

  @Override
  public synchronized List<Team> teams() {
    return List.copyOf(teams.values());
  }

  @Override
  public synchronized User createUser(String name, boolean platformAdmin, Actor actor) {
    if (users.containsKey(name)) {
      throw new AlreadyExistsException("user " + name + " already exists");
    }
    User user = new User(name, platformAdmin, clock.instant());
    users.put(name, user);
    record(actor, "user.create", "user/" + name, "");
    return user;
  }

  @Override
  public synchronized Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  @Override
  public synchronized List<User> users() {
    return List.copyOf(users.values());
  }

  @Override
  public synchronized boolean hasUsers() {
    return !users.isEmpty();
  }

  @Override
  public synchronized void setMembership(String team, String user, Role role, Actor actor) {
    requireTeam(team);
    requireUser(user);
    Map<String, Role> members = roles.computeIfAbsent(team, t -> new TreeMap<>());
    if (role == null) {
      members.remove(user);
    } else {
      members.put(user, role);
    }
    record(actor, "membership.set", "team/" + team + "/member/" + user, "");
  }

  @Override
  public synchronized List<Membership> memberships(String team) {
    List<Membership> result = new ArrayList<>();
    roles.forEach((t, members) -> {
      if (team == null || team.equals(t)) {
        members.forEach((u, r) -> result.add(new Membership(t, u, r)));
      }
    });
    return result;
  }

  @Override
  public synchronized void assignNamespace(String namespace, String team, Actor actor) {
    requireTeam(team);
    owners.put(namespace, team);
    record(actor, "namespace.assign", "namespace/" + namespace, namespace);
  }

  @Override
  public synchronized Optional<String> namespaceOwner(String namespace) {
    return Optional.ofNullable(owners.get(namespace));
  }

  @Override
  public synchronized Map<String, String> namespaceOwners() {
    return new LinkedHashMap<>(owners);
  }

  @Override
  public synchronized ApiToken createToken(
      String user, String description, String secretHash, Actor actor) {
    requireUser(user);
    if (tokenIdsByHash.containsKey(secretHash)) {
      throw new AlreadyExistsException("a token with this secret already exists");
    }
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    ApiToken token =
        new ApiToken(HexFormat.of().formatHex(id), user, description, clock.instant(), null);
    tokens.put(token.id(), token);
    tokenIdsByHash.put(secretHash, token.id());
    record(actor, "token.create", "token/" + token.id(), "");
    return token;
  }

  @Override
  public synchronized Optional<Principal> principalForTokenHash(String secretHash) {
    ApiToken token = tokens.get(tokenIdsByHash.get(secretHash));
    if (token == null || !token.active()) {
      return Optional.empty();
    }
    User user = users.get(token.user());
    Map<String, Role> teamRoles = new HashMap<>();
    roles.forEach((team, members) -> {
      if (members.containsKey(user.name())) {
        teamRoles.put(team, members.get(user.name()));
      }
    });
    return Optional.of(new Principal(user.name(), user.platformAdmin(), teamRoles, token.id()));
  }

  @Override
  public synchronized List<ApiToken> tokens(String user) {
    return tokens.values().stream().filter(t -> user == null || user.equals(t.user())).toList();
  }

  @Override
  public synchronized void revokeToken(String tokenId, Actor actor) {
    ApiToken token = tokens.get(tokenId);
    if (token == null) {
      throw new NotFoundException("token " + tokenId + " not found");
    }
    if (token.active()) {
      Instant now = clock.instant();
      tokens.put(
          tokenId,
          new ApiToken(token.id(), token.user(), token.description(), token.created(), now));
    }
    record(actor, "token.revoke", "token/" + tokenId, "");
  }

  @Override
  public List<AuditEntry> recent(String namespace, int limit) {
    return audit.recent(namespace, limit);
  }

  private void requireTeam(String team) {
    if (!teams.containsKey(team)) {
      throw new NotFoundException("team " + team + " not found");
    }
  }

  private void requireUser(String user) {
    if (!users.containsKey(user)) {
      throw new NotFoundException("user " + user + " not found");
    }
  }

  private void record(Actor actor, String verb, String target, String namespace) {
    audit.append(new AuditEntry(clock.instant(), actor.subject(), verb, target, namespace, 0, 0));
  }
}
