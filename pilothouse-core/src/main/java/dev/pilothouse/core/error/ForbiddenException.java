package dev.pilothouse.core.error;

/** The caller is authenticated but its role does not allow the operation. */
public final class ForbiddenException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public ForbiddenException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }
}
