package dev.pilothouse.cli;

import dev.pilothouse.core.error.PilothouseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns failures into a single {@code error: ...} line on stderr and an exit
 * code: {@link CliException} carries its own, parameter errors are usage errors (2), and anything
 * else is a failure (1). Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final RootCommand root;

  ErrorHandler(RootCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    err.println("error: " + message(e));
    if (root.options().verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof CliException cli ? cli.exitCode() : CliException.FAILURE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
    err.println("error: " + e.getMessage() + " (see '" + help + "')");
    if (root.options().verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return CliException.USAGE;
  }

  private static String message(Exception e) {
    if (e instanceof CliException || e instanceof PilothouseException) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
