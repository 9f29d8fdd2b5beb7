package dev.pilothouse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@link Main#run} with captured output and an environment that never touches $HOME. */
final class CliRun {
  /** Exit code and captured output of one run. */
  record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();

  CliRun(Path configDir) {
    env.put("PILOTHOUSE_CONFIG", configDir.resolve("config").toString());
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(new PrintStream(out, true, StandardCharsets.UTF_8), err, args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with a caller-supplied stdout, e.g. one that is read while the command still runs. */
  int run(PrintStream out, ByteArrayOutputStream err, String... args) {
    return Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8), env);
  }
}
