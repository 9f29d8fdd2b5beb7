package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pilothouse demo --exit}: the whole story, timed, with nothing left running. */
class DemoEndToEndTest {

  @Test
  void theDemoPromotesV2AbortsV3AndEndsWellUnderThreeMinutes() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    Path base = Path.of("target/test-tmp").toAbsolutePath();
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "demo-");
    long start = System.nanoTime();
    int rc =
        new CommandLine(new DemoCommand(out))
            .execute("--exit", "--port", "0", "--service-port", "0", "--data-dir", dir.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(text).isZero();
    assertThat(text)
        .contains("v1 is healthy")
        .contains("canary weight 20%")
        .contains("canary weight 50%")
        .contains("v2 passed every analysis and is promoted")
        .contains("RolloutAborted")
        .contains("traffic is back on v2")
        .containsPattern("load so far: .*by version: .*v3=\\d+");
    assertThat(took).isLessThan(Duration.ofMinutes(3));
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                    p.info().arguments().stream()
                        .flatMap(java.util.Arrays::stream)
                        .anyMatch(a -> a.endsWith("DemoApp")))
                .count())
        .as("demo pods left running")
        .isZero();
  }
}
