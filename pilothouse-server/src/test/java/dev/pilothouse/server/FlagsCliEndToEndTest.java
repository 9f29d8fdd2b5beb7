package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.cli.WebhookDeliveries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pilothouse flags ...} against a real server on embedded PostgreSQL. */
class FlagsCliEndToEndTest {
  static TestServer server;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private CliCall cli(String... args) {
    return CliCall.run(cliEnv(), args);
  }

  private Map<String, String> cliEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PILOTHOUSE_CONFIG", dir.resolve("config").toString());
    env.put("PILOTHOUSE_SERVER", server.server.url());
    env.put("PILOTHOUSE_TOKEN", server.adminToken);
    return env;
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void importedFilesAreServedAndDisableEnableAndHistoryShowTheChanges() throws Exception {
    Path json =
        file(
            "Checkout Flags.json",
            """
            {"flags": {"new-checkout": {"state": "ENABLED",
              "variants": {"on": true, "off": false}, "defaultVariant": "off",
              "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]}}}}
            """);
    Path yaml =
        file(
            "banner.yaml",
            """
            flags:
              banner:
                state: ENABLED
                variants: {blue: "#00f", red: "#f00"}
                defaultVariant: blue
            """);

    CliCall imported = cli("flags", "import", json.toString(), yaml.toString(), "-n", "cli-prod");
    CliCall again = cli("flags", "import", yaml.toString(), "-n", "cli-prod");
    CliCall disabled = cli("flags", "disable", "banner", "-n", "cli-prod");
    CliCall enabled = cli("flags", "enable", "banner", "-n", "cli-prod");
    Path changed =
        file(
            "banner-red.yaml",
            "{state: ENABLED, variants: {blue: '#00f', red: '#f00'}, defaultVariant: red}");
    CliCall set = cli("flags", "set", "banner", "-f", changed.toString(), "-n", "cli-prod");
    CliCall listed = cli("flags", "get", "-n", "cli-prod");
    CliCall history = cli("flags", "history", "banner", "-n", "cli-prod");

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("featureflagset/checkout-flags (Checkout Flags.json) created in cli-prod")
        .contains("featureflagset/banner (banner.yaml) created in cli-prod");
    assertThat(again.out()).contains("unchanged");
    assertThat(disabled.out()).contains("flag banner disabled in cli-prod");
    assertThat(enabled.out()).contains("flag banner enabled in cli-prod");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(listed.out()).contains("new-checkout", "banner", "ENABLED");
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.out())
        .contains("defaultVariant: blue -> red")
        .contains("state: DISABLED -> ENABLED")
        .contains("state: ENABLED -> DISABLED")
        .contains("admin");
    assertThat(history.out().lines().filter(l -> l.contains("cli-prod")).count()).isEqualTo(4);
  }

  @Test
  void theKillSwitchDisablesTheFlagInEveryEnvironment() throws Exception {
    Path flags =
        file(
            "kill.json",
            "{\"flags\":{\"payments-v2\":{\"state\":\"ENABLED\",\"variants\":{\"on\":true},"
                + "\"defaultVariant\":\"on\"}}}");
    assertThat(cli("flags", "import", flags.toString(), "-n", "cli-eu").code()).isZero();
    assertThat(cli("flags", "import", flags.toString(), "-n", "cli-us").code()).isZero();

    CliCall killed = cli("flags", "kill", "payments-v2");
    CliCall eu = cli("flags", "get", "payments-v2", "-n", "cli-eu", "-o", "json");
    CliCall us = cli("flags", "get", "payments-v2", "-n", "cli-us", "-o", "json");

    assertThat(killed.code()).as(killed.err()).isZero();
    assertThat(killed.out())
        .contains("flag payments-v2 disabled in cli-eu")
        .contains("flag payments-v2 disabled in cli-us");
    assertThat(eu.out()).contains("\"state\" : \"DISABLED\"");
    assertThat(us.out()).contains("\"state\" : \"DISABLED\"");
  }

  @Test
  void aMalformedFileIsAUsageErrorAndAnInvalidFlagNamesTheField() throws Exception {
    Path broken = file("broken.json", "{\"flags\": {\"x\": ");
    Path invalid =
        file("invalid.yaml", "flags: {x: {state: MAYBE, variants: {a: 1}, defaultVariant: a}}");

    CliCall malformed = cli("flags", "import", broken.toString(), "-n", "cli-bad");
    CliCall rejected = cli("flags", "import", invalid.toString(), "-n", "cli-bad");
    CliCall missing = cli("flags", "disable", "ghost", "-n", "cli-bad");

    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("broken.json").hasLineCount(1);
    assertThat(rejected.code()).isEqualTo(1);
    assertThat(rejected.err()).contains("spec.flags.x.state").hasLineCount(1);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("ghost");
  }

  @Test
  void syncImportsEveryFileInAFolderAndReportsABadOneWithoutStopping() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("flags"));
    Files.writeString(
        folder.resolve("a.yaml"),
        "flags: {sync-a: {state: ENABLED, variants: {yes-please: true}, defaultVariant: yes-please}}");
    Files.writeString(folder.resolve("b.json"), "not json at all {");
    Files.writeString(folder.resolve("notes.txt"), "ignored");

    CliCall sync = cli("flags", "sync", "--dir", folder.toString(), "--once", "-n", "cli-sync");
    CliCall listed = cli("flags", "get", "-n", "cli-sync", "-o", "name");

    assertThat(sync.code()).isEqualTo(1);
    assertThat(sync.out()).contains("featureflagset/a (a.yaml) created").contains("b.json");
    assertThat(listed.out().strip()).isEqualTo("sync-a");
  }

  private static String git(Path cwd, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.email=test@example.com",
                "-c",
                "user.name=test",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.strip();
  }

  /** Commits everything in the clone and pushes it to the bare repository's main. */
  private static void push(Path work, String message) throws Exception {
    git(work, "add", "--all", ".");
    git(work, "commit", "--quiet", "-m", message);
    git(work, "push", "--quiet", "origin", "HEAD:main");
  }

  /** A bare repository with {@code prod/checkout.yaml} and {@code prod/banner.json}; the clone. */
  private Path flagRepository(Path bare) throws Exception {
    Files.createDirectories(bare);
    git(bare, "init", "--quiet", "--bare");
    Path work = dir.resolve("work");
    git(dir, "clone", "--quiet", bare.toString(), work.toString());
    Files.createDirectories(work.resolve("prod"));
    Files.writeString(
        work.resolve("prod/checkout.yaml"),
        "flags: {git-checkout: {state: ENABLED, variants: {'on': true, 'off': false},"
            + " defaultVariant: 'off'}}");
    Files.writeString(
        work.resolve("prod/banner.json"),
        "{\"flags\": {\"git-banner\": {\"state\": \"ENABLED\", \"variants\": {\"a\": \"a\"},"
            + " \"defaultVariant\": \"a\"}}}");
    Files.writeString(work.resolve("README.md"), "not flags");
    push(work, "flags");
    return work;
  }

  @Test
  void syncFromAGitRepositoryPathImportsItsFilesAndDeletesTheSetOfARemovedFile() throws Exception {
    Path bare = dir.resolve("flags.git");
    Path work = flagRepository(bare);
    String[] sync = {
      "flags",
      "sync",
      "--git",
      bare.toUri().toString(),
      "--path",
      "prod",
      "--ref",
      "main",
      "--once",
      "-n",
      "git-env"
    };

    CliCall first = cli(sync);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains("featureflagset/checkout (checkout.yaml) created in git-env")
        .contains("featureflagset/banner (banner.json) created in git-env");
    assertThat(cli("flags", "get", "-n", "git-env", "-o", "name").out().lines())
        .containsExactly("git-banner", "git-checkout");

    Files.delete(work.resolve("prod/banner.json"));
    push(work, "drop the banner");
    String[] keeping = java.util.Arrays.copyOf(sync, sync.length + 1);
    keeping[sync.length] = "--keep-removed";
    CliCall kept = cli(keeping);
    assertThat(kept.out()).doesNotContain("deleted");
    assertThat(cli("flags", "get", "-n", "git-env", "-o", "name").out().lines())
        .containsExactly("git-banner", "git-checkout");

    CliCall pruned = cli(sync);
    assertThat(pruned.code()).isZero();
    assertThat(pruned.out()).contains("featureflagset/banner deleted from git-env (file removed)");
    assertThat(cli("flags", "get", "-n", "git-env", "-o", "name").out().lines())
        .containsExactly("git-checkout");
  }

  @Test
  void aRunningGitSyncPicksUpAPushedChange() throws Exception {
    Path bare = dir.resolve("live.git");
    Path work = flagRepository(bare);
    var result = new java.util.concurrent.atomic.AtomicReference<CliCall>();
    Thread syncing = startSync(cliEnv(), result, bare, "--interval", "1", "-n", "git-live");
    try {
      awaitDefaultVariant("git-live", "off");
      Files.writeString(
          work.resolve("prod/checkout.yaml"),
          "flags: {git-checkout: {state: ENABLED, variants: {'on': true, 'off': false},"
              + " defaultVariant: 'on'}}");
      push(work, "release checkout");

      awaitDefaultVariant("git-live", "on");
    } finally {
      syncing.interrupt();
      syncing.join(java.time.Duration.ofSeconds(30));
    }
  }

  @Test
  void aPushWebhookFromGithubOrGitlabSyncsAtOnceLongBeforeThePollInterval() throws Exception {
    Path bare = dir.resolve("hooked.git");
    Path work = flagRepository(bare);
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String hook = "http://127.0.0.1:" + port + "/hooks/git";
    String secret = "flag-sync-secret";
    var result = new java.util.concurrent.atomic.AtomicReference<CliCall>();
    Map<String, String> env = cliEnv();
    env.put("PILOTHOUSE_WEBHOOK_SECRET", secret);
    Thread syncing =
        startSync(
            env,
            result,
            bare,
            "--interval",
            "600",
            "--webhook-listen",
            "127.0.0.1:" + port,
            "-n",
            "git-hook");
    try {
      awaitDefaultVariant("git-hook", "off");
      String released = pushDefaultVariant(work, "on");
      byte[] githubPush = WebhookDeliveries.payload("github", "refs/heads/main", released);

      var forged = WebhookDeliveries.github(hook, "not-the-secret", githubPush);
      var otherBranch =
          WebhookDeliveries.github(
              hook, secret, WebhookDeliveries.payload("github", "refs/heads/dev", released));
      Thread.sleep(1_000); // would the refused deliveries have synced anything? (they must not)
      assertThat(defaultVariant("git-hook")).isEqualTo("off");

      long start = System.nanoTime();
      var accepted = WebhookDeliveries.github(hook, secret, githubPush);
      awaitDefaultVariant("git-hook", "on");
      Duration githubLatency = Duration.ofNanos(System.nanoTime() - start);

      String reverted = pushDefaultVariant(work, "off");
      start = System.nanoTime();
      var gitlab =
          WebhookDeliveries.gitlab(
              hook, secret, WebhookDeliveries.payload("gitlab", "refs/heads/main", reverted));
      awaitDefaultVariant("git-hook", "off");
      Duration gitlabLatency = Duration.ofNanos(System.nanoTime() - start);

      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(forged.body()).contains("X-Hub-Signature-256");
      assertThat(otherBranch.statusCode()).isEqualTo(202);
      assertThat(otherBranch.body()).contains("ignored").contains("refs/heads/dev");
      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(accepted.body()).contains("accepted");
      assertThat(gitlab.statusCode()).isEqualTo(202);
      System.out.printf(
          "webhook to served flag: github %d ms, gitlab %d ms (poll interval 600 s)%n",
          githubLatency.toMillis(), gitlabLatency.toMillis());
      // The poll interval is 600 s: only the webhook can explain a change within 60 s.
      assertThat(githubLatency).isLessThan(Duration.ofSeconds(60));
      assertThat(gitlabLatency).isLessThan(Duration.ofSeconds(60));
    } finally {
      syncing.interrupt();
      syncing.join(Duration.ofSeconds(30));
    }
    assertThat(result.get().out())
        .contains("webhook: listening on port " + port)
        .contains("webhook: github push to refs/heads/main")
        .contains("webhook: gitlab push to refs/heads/main")
        .contains("webhook: refused (401): X-Hub-Signature-256");
  }

  /** Runs {@code flags sync --git BARE --path prod ARGS...} in a thread until interrupted. */
  private static Thread startSync(
      Map<String, String> env,
      java.util.concurrent.atomic.AtomicReference<CliCall> result,
      Path bare,
      String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("flags", "sync", "--git", bare.toUri().toString(), "--path", "prod"));
    command.addAll(List.of(args));
    return Thread.ofVirtual()
        .start(() -> result.set(CliCall.run(env, command.toArray(String[]::new))));
  }

  /** Pushes checkout.yaml with another default variant; returns the new commit. */
  private static String pushDefaultVariant(Path work, String variant) throws Exception {
    Files.writeString(
        work.resolve("prod/checkout.yaml"),
        "flags: {git-checkout: {state: ENABLED, variants: {'on': true, 'off': false},"
            + " defaultVariant: '"
            + variant
            + "'}}");
    push(work, "default " + variant);
    return git(work, "rev-parse", "HEAD");
  }

  private String defaultVariant(String env) {
    CliCall got = cli("flags", "get", "git-checkout", "-n", env, "-o", "json");
    return dev.pilothouse.core.json.Json.parse(got.out()).path("defaultVariant").asText();
  }

  private void awaitDefaultVariant(String env, String variant) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      CliCall got = cli("flags", "get", "git-checkout", "-n", env, "-o", "json");
      last = got.out() + got.err();
      if (got.code() == 0
          && dev.pilothouse.core.json.Json.parse(got.out())
              .path("defaultVariant")
              .asText()
              .equals(variant)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("defaultVariant never became " + variant + "; last: " + last);
  }

  @Test
  void syncRefusesBothOrNeitherSourceAndReportsABadRepositoryInOneLine() {
    CliCall both = cli("flags", "sync", "--dir", dir.toString(), "--git", "x", "--once");
    CliCall unreachable =
        cli("flags", "sync", "--git", dir.resolve("missing.git").toUri().toString(), "--once");

    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("exactly one of --dir DIR or --git URL");
    assertThat(unreachable.code()).isEqualTo(1);
    assertThat(unreachable.err().strip()).startsWith("error: git clone").doesNotContain("\n");
  }
}
