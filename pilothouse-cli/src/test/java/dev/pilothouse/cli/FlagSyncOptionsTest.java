package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code flags sync}'s webhook options: exit 2 and one line naming the option. */
class FlagSyncOptionsTest {
  @TempDir Path dir;

  private CliRun.Result sync(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "flags";
    all[1] = "sync";
    System.arraycopy(args, 0, all, 2, args.length);
    return new CliRun(dir).env("PILOTHOUSE_SERVER", "http://127.0.0.1:9").run(all);
  }

  @Test
  void aWebhookWithoutASecretOrWithAnEmptySecretFileIsAUsageError() throws Exception {
    Path empty = Files.writeString(dir.resolve("secret"), "\n");

    var none = sync("--git", "file:///nowhere.git", "--webhook-listen", "127.0.0.1:0");
    var blank =
        sync(
            "--git",
            "file:///nowhere.git",
            "--webhook-listen",
            "127.0.0.1:0",
            "--webhook-secret-file",
            empty.toString());

    for (var result : new CliRun.Result[] {none, blank}) {
      assertThat(result.exitCode()).isEqualTo(CliException.USAGE);
      assertThat(result.err())
          .contains("--webhook-secret-file")
          .contains("PILOTHOUSE_WEBHOOK_SECRET")
          .hasLineCount(1);
    }
  }

  @Test
  void aWebhookGoesWithGitOnlyNotWithOnceAndNeedsAValidAddress() {
    var withDir = sync("--dir", dir.toString(), "--webhook-listen", "8095");
    var withOnce = sync("--git", "file:///nowhere.git", "--once", "--webhook-listen", "8095");
    var badAddress = sync("--git", "file:///nowhere.git", "--webhook-listen", "host:http");
    var badInterval = sync("--git", "file:///nowhere.git", "--interval", "0");

    assertThat(withDir.err()).contains("--webhook-listen go with --git");
    assertThat(withOnce.err()).contains("does not go with --once");
    assertThat(badAddress.err()).contains("--webhook-listen host:http: expected [HOST:]PORT");
    assertThat(badInterval.err()).contains("--interval must be at least 1 second");
    for (var result : new CliRun.Result[] {withDir, withOnce, badAddress, badInterval}) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(CliException.USAGE);
      assertThat(result.err()).hasLineCount(1);
    }
  }
}
