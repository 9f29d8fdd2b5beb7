package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenancyTest {
  @TempDir Path dir;
  private FakeApi api;
  private CliRun cli;

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
    cli = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url()).env("PILOTHOUSE_TOKEN", "ph_admin");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void team_membership_commands_send_the_documented_requests() {
    api.on("POST", "/api/v1/teams", 201, "{\"name\":\"payments\"}");
    api.on("PUT", "/api/v1/teams/payments/members/alice", 200, "{}");
    api.on("DELETE", "/api/v1/teams/payments/members/alice", 200, "{}");

    assertThat(cli.run("teams", "create", "payments").out()).isEqualTo("team payments created\n");
    cli.run("teams", "add-member", "payments", "alice", "--role", "editor");
    cli.run("teams", "remove-member", "payments", "alice");

    assertThat(api.writes())
        .extracting(r -> r.method() + " " + r.path() + " " + r.body())
        .containsExactly(
            "POST /api/v1/teams {\"name\":\"payments\"}",
            "PUT /api/v1/teams/payments/members/alice {\"role\":\"editor\"}",
            "DELETE /api/v1/teams/payments/members/alice ");
    assertThat(api.requests())
        .extracting(FakeApi.Request::authorization)
        .containsOnly("Bearer ph_admin");
  }

  @Test
  void a_created_token_is_printed_once_with_its_id() {
    api.on("POST", "/api/v1/users/alice/tokens", 201, "{\"id\":\"t1\",\"token\":\"ph_new\"}");

    CliRun.Result result = cli.run("tokens", "create", "--user", "alice", "--description", "ci");

    assertThat(result.out()).isEqualTo("id:    t1\ntoken: ph_new\n");
    assertThat(Json.parse(api.writes().getFirst().body()).path("description").asText())
        .isEqualTo("ci");
  }

  @Test
  void lists_are_printed_as_tables() {
    api.on(
        "GET",
        "/api/v1/namespaces",
        200,
        "{\"items\":[{\"namespace\":\"shop\",\"team\":\"payments\"}]}");
    api.on(
        "GET", "/api/v1/users", 200, "{\"items\":[{\"name\":\"alice\",\"platformAdmin\":true}]}");

    assertThat(cli.run("namespaces", "list").out().lines())
        .containsExactly("NAMESPACE   TEAM", "shop        payments");
    assertThat(cli.run("users", "list").out()).contains("alice   true");
  }

  @Test
  void audit_passes_namespace_and_limit() {
    api.on("GET", "/api/v1/audit", 200, "{\"items\":[{\"actor\":\"alice\",\"verb\":\"create\"}]}");

    CliRun.Result result = cli.run("audit", "-n", "shop", "--limit", "5");

    assertThat(result.out()).contains("alice").contains("create");
    assertThat(api.requests().getLast().query()).isEqualTo("limit=5&namespace=shop");
  }

  @Test
  void describe_lists_the_objects_audit_entries_when_readable() {
    api.resources.put("rollouts", GetTest.rollout("shop", "web", 3, "Healthy"));
    api.on(
        "GET",
        "/api/v1/audit",
        200,
        """
        {"items":[
         {"time":"t1","actor":"alice","verb":"update","target":"rollouts/shop/web",
          "beforeVersion":"4","afterVersion":"5"},
         {"time":"t2","actor":"bob","verb":"update","target":"rollouts/shop/other"}]}
        """);

    CliRun.Result result = cli.run("describe", "rollouts", "web", "-n", "shop");

    assertThat(result.out()).contains("Audit:").contains("alice").contains("4 -> 5");
    assertThat(result.out()).doesNotContain("bob");
  }
}
