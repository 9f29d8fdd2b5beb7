package dev.pilothouse.core.error;

/** The addressed resource, kind or object does not exist. */
public final class NotFoundException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public NotFoundException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
