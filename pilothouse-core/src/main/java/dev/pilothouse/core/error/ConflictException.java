package dev.pilothouse.core.error;

/** The resource changed since it was read (stale resourceVersion). */
public final class ConflictException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public ConflictException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
