package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginTest {
  @TempDir Path dir;
  private FakeApi api;

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
    api.on(
        "GET",
        "/api/v1/whoami",
        200,
        "{\"user\":\"alice\",\"platformAdmin\":false,\"teams\":{\"payments\":\"editor\"}}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void login_saves_a_private_context_that_later_commands_use() throws IOException {
    CliRun cli = new CliRun(dir);

    CliRun.Result login =
        cli.run("login", "--server", api.url(), "--token", "ph_secret", "--name", "dev");
    CliRun.Result whoami = cli.run("whoami");

    assertThat(login.out()).isEqualTo("logged in to " + api.url() + " as alice (context dev)\n");
    Path config = dir.resolve("config");
    assertThat(Files.readString(config)).contains("currentContext: dev").contains("ph_secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(whoami.out()).contains("alice").contains("payments=editor");
    assertThat(api.requests())
        .extracting(FakeApi.Request::authorization)
        .containsOnly("Bearer ph_secret");
  }

  @Test
  void login_with_a_rejected_token_saves_nothing() {
    api.on("GET", "/api/v1/whoami", 401, FakeApi.problem(401, "Unauthorized", "invalid token"));

    CliRun.Result result = new CliRun(dir).run("login", "--server", api.url(), "--token", "bad");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(dir.resolve("config")).doesNotExist();
  }

  @Test
  void contexts_are_listed_and_switched() {
    CliRun cli = new CliRun(dir);
    cli.run("login", "--server", api.url(), "--token", "t1", "--name", "one");
    cli.run("login", "--server", api.url(), "--token", "t2", "--name", "two");

    CliRun.Result use = cli.run("config", "use-context", "one");
    CliRun.Result list = cli.run("config", "get-contexts");

    assertThat(use.out()).isEqualTo("switched to context one\n");
    assertThat(list.out().lines())
        .containsExactly(
            "CURRENT   NAME   SERVER",
            "*         one    " + api.url(),
            "          two    " + api.url());
    assertThat(cli.run("config", "use-context", "three").exitCode()).isEqualTo(1);
  }

  @Test
  void a_server_flag_for_another_server_does_not_receive_the_contexts_token() throws IOException {
    CliRun cli = new CliRun(dir);
    cli.run("login", "--server", api.url(), "--token", "ph_secret");
    try (FakeApi other = new FakeApi()) {
      other.on("GET", "/api/v1/whoami", 200, "{\"user\":\"anonymous\"}");

      cli.run("whoami", "--server", other.url());

      assertThat(other.requests()).extracting(FakeApi.Request::authorization).containsOnlyNulls();
    }
  }
}
