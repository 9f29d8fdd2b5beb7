package dev.pilothouse.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;

/** Entry point of the {@code pilothouse} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs one invocation and returns its exit code: 0 ok, 1 failure, 2 usage error.
   *
   * @param env environment variables to consult ({@code PILOTHOUSE_SERVER}, {@code
   *     PILOTHOUSE_TOKEN}, {@code PILOTHOUSE_CONFIG}); tests pass their own
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine commandLine = commandLine(env, outWriter, errWriter);
    try {
      return commandLine.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  private static CommandLine commandLine(
      Map<String, String> env, PrintWriter out, PrintWriter err) {
    RootCommand root = new RootCommand(env);
    CommandLine commandLine = new CommandLine(root);
    for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
      extension.register(commandLine);
    }
    // Configured after the extensions so that their commands get the same streams and handlers.
    ErrorHandler handler = new ErrorHandler(root);
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(handler)
        .setParameterExceptionHandler(handler);
    return commandLine;
  }
}
