package dev.pilothouse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A shallow clone of one branch or tag of a Git repository in a temporary folder, refreshed with
 * the {@code git} command line: it uses the user's own credential helpers, SSH keys and proxy
 * settings, exactly as their {@code git clone} would. Never prompts ({@code
 * GIT_TERMINAL_PROMPT=0}).
 */
final class GitCheckout implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 120;

  private final String url;
  private final String ref;
  private final Path dir;

  private GitCheckout(String url, String ref, Path dir) {
    this.url = url;
    this.ref = ref;
    this.dir = dir;
  }

  /**
   * Clones {@code ref} (a branch or tag; empty for the remote's default branch) of {@code url}.
   *
   * @throws CliException when git is missing or the clone fails (its last message line)
   */
  static GitCheckout clone(String url, String ref) {
    Path dir;
    try {
      dir = Files.createTempDirectory("pilothouse-flags-git-");
    } catch (IOException e) {
      throw CliException.failure("cannot create a folder for the clone: " + e.getMessage());
    }
    GitCheckout checkout = new GitCheckout(url, ref, dir);
    List<String> command = new ArrayList<>(List.of("clone", "--quiet", "--depth", "1"));
    if (!ref.isEmpty()) {
      command.addAll(List.of("--branch", ref));
    }
    command.addAll(List.of("--", url, dir.toString()));
    try {
      checkout.git(null, command);
    } catch (CliException e) {
      checkout.close();
      throw e;
    }
    return checkout;
  }

  /** Fetches the ref again and moves the working tree to it. */
  void update() {
    git(dir, List.of("fetch", "--quiet", "--depth", "1", "origin", ref.isEmpty() ? "HEAD" : ref));
    git(dir, List.of("reset", "--quiet", "--hard", "FETCH_HEAD"));
  }

  /**
   * The full name of the ref this checkout follows, as push webhooks name it: {@code
   * refs/heads/main} for a branch (the remote's default branch when no ref was given), {@code
   * refs/tags/v1} for a tag, or the ref itself when it was given in full.
   */
  String followedRef() {
    if (ref.startsWith("refs/")) {
      return ref;
    }
    String name = ref.isEmpty() ? git(dir, List.of("rev-parse", "--abbrev-ref", "HEAD")) : ref;
    boolean tag = !git(dir, List.of("tag", "--list", name)).isBlank();
    return (tag ? "refs/tags/" : "refs/heads/") + name;
  }

  /**
   * The folder {@code path} of the checkout.
   *
   * @throws CliException (usage) when the path leaves the repository
   */
  Path folder(String path) {
    Path folder = dir.resolve(path).normalize();
    if (!folder.startsWith(dir)) {
      throw CliException.usage("--path " + path + ": must stay inside the repository");
    }
    return folder;
  }

  /** Runs git and returns its output, stripped. */
  private String git(Path cwd, List<String> args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    String what = "git " + args.getFirst() + " " + url;
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw CliException.failure(what + ": no answer in " + TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        throw CliException.failure(what + ": " + lastLine(output));
      }
      return output.strip();
    } catch (IOException e) {
      throw CliException.failure("--git needs the git command: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure(what + ": interrupted");
    }
  }

  /** Git's last non-blank line says what went wrong (fatal: ...). */
  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "failed" : lines.getLast().strip();
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temporary folder left behind is harmless; the sync's result is what matters.
    }
  }
}
