package dev.pilothouse.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.pilothouse.core.audit.AuditEntry;
import dev.pilothouse.core.audit.AuditLog;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link TenancyRepository} must have. */
public abstract class TenancyRepositoryContract {
  protected static final Actor ROOT = new Actor("root");

  protected TenancyRepository repo;

  /** A fresh, empty repository. */
  protected abstract TenancyRepository newRepository();

  /** The audit log the repository writes to. */
  protected abstract AuditLog auditLog();

  @BeforeEach
  void openRepository() {
    repo = newRepository();
  }

  @Test
  void createdTeamsAreListedByNameAndDuplicatesAreRejected() {
    repo.createTeam("payments", ROOT);
    repo.createTeam("billing", ROOT);

    assertThatThrownBy(() -> repo.createTeam("payments", ROOT))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(repo.teams()).extracting(Team::name).containsExactly("billing", "payments");
  }

  @Test
  void createdUsersCanBeFoundAndDuplicatesAreRejected() {
    assertThat(repo.hasUsers()).isFalse();
    User admin = repo.createUser("admin", true, ROOT);
    repo.createUser("alice", false, ROOT);

    assertThatThrownBy(() -> repo.createUser("alice", true, ROOT))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(repo.hasUsers()).isTrue();
    assertThat(repo.user("admin")).contains(admin);
    assertThat(repo.user("nobody")).isEmpty();
    assertThat(repo.users()).extracting(User::name).containsExactly("admin", "alice");
    assertThat(repo.user("alice").orElseThrow().platformAdmin()).isFalse();
  }

  @Test
  void membershipsCanBeSetChangedAndRemoved() {
    repo.createTeam("payments", ROOT);
    repo.createTeam("billing", ROOT);
    repo.createUser("alice", false, ROOT);
    repo.createUser("bob", false, ROOT);

    repo.setMembership("payments", "alice", Role.VIEWER, ROOT);
    repo.setMembership("payments", "alice", Role.ADMIN, ROOT);
    repo.setMembership("payments", "bob", Role.EDITOR, ROOT);
    repo.setMembership("billing", "bob", Role.VIEWER, ROOT);
    repo.setMembership("billing", "bob", null, ROOT);

    assertThat(repo.memberships("payments"))
        .containsExactlyInAnyOrder(
            new Membership("payments", "alice", Role.ADMIN),
            new Membership("payments", "bob", Role.EDITOR));
    assertThat(repo.memberships(null)).hasSize(2);
    assertThat(repo.memberships("billing")).isEmpty();
  }

  @Test
  void membershipOfAnUnknownTeamOrUserIsNotFound() {
    repo.createTeam("payments", ROOT);
    repo.createUser("alice", false, ROOT);

    assertThatThrownBy(() -> repo.setMembership("nope", "alice", Role.VIEWER, ROOT))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> repo.setMembership("payments", "nobody", Role.VIEWER, ROOT))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void namespacesAreAssignedAndReassignedToExistingTeams() {
    repo.createTeam("payments", ROOT);
    repo.createTeam("billing", ROOT);

    repo.assignNamespace("shop", "payments", ROOT);
    repo.assignNamespace("books", "payments", ROOT);
    repo.assignNamespace("shop", "billing", ROOT);

    assertThat(repo.namespaceOwner("shop")).contains("billing");
    assertThat(repo.namespaceOwner("other")).isEmpty();
    assertThat(repo.namespaceOwners()).isEqualTo(Map.of("shop", "billing", "books", "payments"));
    assertThatThrownBy(() -> repo.assignNamespace("x", "nope", ROOT))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aTokenHashAuthenticatesItsUserWithTeamRolesUntilRevoked() {
    repo.createTeam("payments", ROOT);
    repo.createTeam("billing", ROOT);
    repo.createUser("alice", false, ROOT);
    repo.setMembership("payments", "alice", Role.EDITOR, ROOT);
    repo.setMembership("billing", "alice", Role.VIEWER, ROOT);
    ApiToken token = repo.createToken("alice", "laptop", "hash-1", ROOT);

    Principal principal = repo.principalForTokenHash("hash-1").orElseThrow();

    assertThat(principal)
        .isEqualTo(
            new Principal(
                "alice",
                false,
                Map.of("payments", Role.EDITOR, "billing", Role.VIEWER),
                token.id()));
    assertThat(repo.principalForTokenHash("other")).isEmpty();
    repo.revokeToken(token.id(), ROOT);
    assertThat(repo.principalForTokenHash("hash-1")).isEmpty();
  }

  @Test
  void aTokenOfAUserWithoutTeamsGivesAPrincipalWithoutRoles() {
    repo.createUser("admin", true, ROOT);
    ApiToken token = repo.createToken("admin", "", "hash-a", ROOT);

    assertThat(repo.principalForTokenHash("hash-a"))
        .contains(new Principal("admin", true, Map.of(), token.id()));
  }

  @Test
  void tokensAreListedPerUserWithTheirRevocation() {
    repo.createUser("alice", false, ROOT);
    repo.createUser("bob", false, ROOT);
    ApiToken a1 = repo.createToken("alice", "one", "h1", ROOT);
    ApiToken a2 = repo.createToken("alice", "two", "h2", ROOT);
    repo.createToken("bob", "three", "h3", ROOT);
    repo.revokeToken(a1.id(), ROOT);

    assertThat(repo.tokens("alice"))
        .extracting(ApiToken::id, ApiToken::active)
        .containsExactlyInAnyOrder(tuple(a1.id(), false), tuple(a2.id(), true));
    assertThat(repo.tokens(null)).hasSize(3);
    assertThat(a2.active()).isTrue();
    assertThatThrownBy(() -> repo.createToken("nobody", "x", "h4", ROOT))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> repo.revokeToken("missing", ROOT))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void everyMutationIsAudited() {
    repo.createTeam("payments", ROOT);
    repo.createUser("alice", false, ROOT);
    repo.setMembership("payments", "alice", Role.ADMIN, ROOT);
    repo.assignNamespace("shop", "payments", ROOT);
    ApiToken token = repo.createToken("alice", "", "hash", ROOT);
    repo.revokeToken(token.id(), new Actor("alice"));

    assertThat(auditLog().recent(null, 10))
        .extracting(AuditEntry::verb, AuditEntry::target, AuditEntry::actor)
        .containsExactly(
            tuple("token.revoke", "token/" + token.id(), "alice"),
            tuple("token.create", "token/" + token.id(), "root"),
            tuple("namespace.assign", "namespace/shop", "root"),
            tuple("membership.set", "team/payments/member/alice", "root"),
            tuple("user.create", "user/alice", "root"),
            tuple("team.create", "team/payments", "root"));
    assertThat(auditLog().recent("shop", 10))
        .extracting(AuditEntry::verb)
        .containsExactly("namespace.assign");
  }

  @Test
  void aFailedMutationLeavesNoAuditEntry() {
    repo.createTeam("payments", ROOT);

    assertThatThrownBy(() -> repo.createTeam("payments", ROOT))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(auditLog().recent(null, 10)).hasSize(1);
  }
}
