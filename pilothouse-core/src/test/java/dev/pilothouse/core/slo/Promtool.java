package dev.pilothouse.core.slo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's promtool on files in a directory under target/, failing with its output. */
public final class Promtool {
  private static final Path BINARY = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /** A fresh directory under target/ for one test's files. */
  public static Path workDir(String name) throws IOException {
    Path dir = Path.of("target", "promtool", name + "-" + System.nanoTime()).toAbsolutePath();
    return Files.createDirectories(dir);
  }

  /** {@code promtool check rules FILE...}. */
  public static void checkRules(Path... files) {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (Path f : files) {
      args.add(f.toString());
    }
    run(files[0].getParent(), args);
  }

  /** {@code promtool test rules FILE}; rc 1 means an expectation failed. */
  public static void testRules(Path file) {
    run(file.getParent(), List.of("test", "rules", file.getFileName().toString()));
  }

  private static void run(Path dir, List<String> args) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(args);
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("promtool timed out: " + out);
      }
      if (p.exitValue() != 0) {
        fail("promtool " + String.join(" ", args) + " failed (rc " + p.exitValue() + "):\n" + out);
      }
    } catch (IOException e) {
      fail("cannot run " + BINARY + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }
}
