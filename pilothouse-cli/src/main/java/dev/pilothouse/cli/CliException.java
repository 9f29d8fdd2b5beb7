package dev.pilothouse.cli;

/**
 * A failure the CLI reports as one readable line on stderr and a process exit code. Thrown by
 * commands; mapped to output in one place ({@link ErrorHandler}).
 */
public class CliException extends RuntimeException {
  /** Exit code of an operational failure: server error, not found, conflict, unreachable. */
  public static final int FAILURE = 1;

  /** Exit code of a usage error: bad parameters, unknown kind. */
  public static final int USAGE = 2;

  private final int exitCode;

  /** Creates a failure with the given message (without the {@code error:} prefix). */
  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Creates a failure that keeps its cause for {@code --verbose}. */
  public CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Creates an operational failure (exit code 1). */
  public static CliException failure(String message) {
    return new CliException(message, FAILURE);
  }

  /** Creates a usage error (exit code 2). */
  public static CliException usage(String message) {
    return new CliException(message, USAGE);
  }

  public int exitCode() {
    return exitCode;
  }
}
