package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI against a real server on embedded PostgreSQL, including a restart. */
class CliEndToEndTest {
  @TempDir Path home;

  private static CliCall cli(Map<String, String> env, String... args) {
    return CliCall.run(env, args);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PILOTHOUSE_CONFIG", home.resolve("config").toString());
    return env;
  }

  private static Path seeds() {
    Path fromModule = Path.of("../../shared/specs/seed-examples.yaml");
    return Files.exists(fromModule) ? fromModule : Path.of("../shared/specs/seed-examples.yaml");
  }

  @Test
  void appliedSeedExamplesAreListedWatchedAndSurviveARestart() throws Exception {
    Path data =
        Files.createTempDirectory(
            Path.of(System.getProperty("pilothouse.test.tmp", "target")).toAbsolutePath(), "e2e-");
    Map<String, String> env = env();
    try (TestServer server = TestServer.start(data)) {
      assertThat(
              cli(env, "login", "--server", server.server.url(), "--token", server.adminToken)
                  .code())
          .isZero();

      CliCall applied = cli(env, "apply", "-f", seeds().toString(), "-n", "demo");
      CliCall again = cli(env, "apply", "-f", seeds().toString(), "-n", "demo");
      CliCall listed = cli(env, "get", "rollouts", "-n", "demo");

      assertThat(applied.code()).as(applied.err()).isZero();
      assertThat(applied.out())
          .contains("rollout.argoproj.io/my-app created", "service/my-app created");
      assertThat(again.out()).contains("rollout.argoproj.io/my-app unchanged");
      assertThat(listed.out()).contains("my-app", "my-app-analysed");
      assertWatchShowsANewObject(env);
    }
    try (TestServer restarted = TestServer.start(data)) {
      env.put("PILOTHOUSE_SERVER", restarted.server.url());
      env.put("PILOTHOUSE_TOKEN", loginToken(env));
      CliCall listed = cli(env, "get", "analysistemplates", "-n", "demo", "-o", "name");

      assertThat(restarted.adminToken).as("no second bootstrap after restart").isNull();
      assertThat(listed.out()).contains("success-rate");
    }
  }

  @Test
  void badInputGivesOneReadableLineAndTheRightExitCode() throws Exception {
    try (TestServer server = TestServer.start()) {
      Map<String, String> env = env();
      env.put("PILOTHOUSE_SERVER", server.server.url());
      env.put("PILOTHOUSE_TOKEN", server.adminToken);
      Path broken = home.resolve("broken.yaml");
      Files.writeString(broken, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n");
      Path wrongType = home.resolve("typed.yaml");
      Files.writeString(
          wrongType, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typed}\ndata: {k: 7}\n");

      CliCall brokenRun = cli(env, "apply", "-f", broken.toString());
      CliCall typedRun = cli(env, "apply", "-f", wrongType.toString(), "-n", "demo");
      CliCall unknownKind = cli(env, "get", "widgets");
      CliCall missing = cli(env, "get", "configmap", "nope", "-n", "demo");

      assertThat(brokenRun.code()).isEqualTo(1);
      assertThat(brokenRun.err()).contains("broken.yaml").hasLineCount(1);
      assertThat(typedRun.code()).isEqualTo(1);
      assertThat(typedRun.out() + typedRun.err()).contains("data.k");
      assertThat(unknownKind.code()).isEqualTo(2);
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("nope").contains("not found");
    }
  }

  private void assertWatchShowsANewObject(Map<String, String> env) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> watch =
        CompletableFuture.supplyAsync(() ->
            Main.run(
                new String[] {"get", "configmaps", "-n", "demo", "--watch"}, stream, stream, env));
    Path cm = home.resolve("cm.yaml");
    Files.writeString(
        cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\ndata: {a: \"1\"}\n");
    assertThat(cli(env, "apply", "-f", cm.toString(), "-n", "demo").code()).isZero();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!out.toString(StandardCharsets.UTF_8).contains("watched")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("ADDED").contains("watched");
    watch.cancel(true);
  }

  private String loginToken(Map<String, String> env) throws Exception {
    String config = Files.readString(Path.of(env.get("PILOTHOUSE_CONFIG")));
    int at = config.indexOf("ph_");
    return config.substring(at, at + 46);
  }
}
