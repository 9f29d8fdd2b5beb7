package dev.pilothouse.core.error;

/** A dependency (for example the database) cannot serve the request now. */
public final class UnavailableException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public UnavailableException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
