package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorsTest {
  @TempDir Path dir;

  @Test
  void an_unreachable_server_gets_a_hint_to_start_it() throws IOException {
    String url = "http://127.0.0.1:" + freePort();

    CliRun.Result result = new CliRun(dir).env("PILOTHOUSE_SERVER", url).run("get", "rollouts");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: cannot reach Pilothouse at "
                + url
                + " (is it running? start it with ./pilothouse serve)\n");
  }

  @Test
  void an_unauthorized_request_gets_a_hint_to_log_in() throws IOException {
    try (FakeApi api = new FakeApi()) {
      api.on("GET", "/api/v1/whoami", 401, FakeApi.problem(401, "Unauthorized", "invalid token"));

      CliRun.Result result = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url()).run("whoami");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "error: invalid token (log in with: pilothouse login --server "
                  + api.url()
                  + " --token TOKEN)\n");
    }
  }

  @Test
  void a_response_that_is_not_problem_json_still_gives_one_line() throws IOException {
    try (FakeApi api = new FakeApi()) {
      api.on("GET", "/api/v1/whoami", 500, "");

      CliRun.Result result = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url()).run("whoami");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("error: request failed with HTTP 500\n");
    }
  }

  @Test
  void a_bad_parameter_is_a_usage_error_in_one_line() {
    CliRun.Result result = new CliRun(dir).run("get", "rollouts", "--bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: Unknown option: '--bogus'").hasLineCount(1);
  }

  @Test
  void no_command_is_a_usage_error() {
    assertThat(new CliRun(dir).run().exitCode()).isEqualTo(2);
    assertThat(new CliRun(dir).run("teams").exitCode()).isEqualTo(2);
  }

  @Test
  void verbose_adds_the_stack_trace() {
    CliRun.Result result =
        new CliRun(dir).env("PILOTHOUSE_SERVER", "http://127.0.0.1:1").run("whoami", "-v");

    assertThat(result.err()).startsWith("error: cannot reach").contains("\tat ");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
