package dev.pilothouse.core.error;

/** No valid credentials were presented. */
public final class UnauthorizedException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public UnauthorizedException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }
}
