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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pilothouse flags ...} against a real server on embedded PostgreSQL. */
class FlagsCliEndToEndTest {
  static TestServer server;
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private Run cli(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("PILOTHOUSE_CONFIG", dir.resolve("config").toString());
    env.put("PILOTHOUSE_SERVER", server.server.url());
    env.put("PILOTHOUSE_TOKEN", server.adminToken);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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

    Run imported = cli("flags", "import", json.toString(), yaml.toString(), "-n", "cli-prod");
    Run again = cli("flags", "import", yaml.toString(), "-n", "cli-prod");
    Run disabled = cli("flags", "disable", "banner", "-n", "cli-prod");
    Run enabled = cli("flags", "enable", "banner", "-n", "cli-prod");
    Path changed =
        file(
            "banner-red.yaml",
            "{state: ENABLED, variants: {blue: '#00f', red: '#f00'}, defaultVariant: red}");
    Run set = cli("flags", "set", "banner", "-f", changed.toString(), "-n", "cli-prod");
    Run listed = cli("flags", "get", "-n", "cli-prod");
    Run history = cli("flags", "history", "banner", "-n", "cli-prod");

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

    Run killed = cli("flags", "kill", "payments-v2");
    Run eu = cli("flags", "get", "payments-v2", "-n", "cli-eu", "-o", "json");
    Run us = cli("flags", "get", "payments-v2", "-n", "cli-us", "-o", "json");

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

    Run malformed = cli("flags", "import", broken.toString(), "-n", "cli-bad");
    Run rejected = cli("flags", "import", invalid.toString(), "-n", "cli-bad");
    Run missing = cli("flags", "disable", "ghost", "-n", "cli-bad");

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

    Run sync = cli("flags", "sync", "--dir", folder.toString(), "--once", "-n", "cli-sync");
    Run listed = cli("flags", "get", "-n", "cli-sync", "-o", "name");

    assertThat(sync.code()).isEqualTo(1);
    assertThat(sync.out()).contains("featureflagset/a (a.yaml) created").contains("b.json");
    assertThat(listed.out().strip()).isEqualTo("sync-a");
  }
}
