package dev.pilothouse.core.error;

/** A resource with this name already exists. */
public final class AlreadyExistsException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public AlreadyExistsException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
