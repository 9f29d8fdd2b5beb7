package dev.pilothouse.core.error;

/** The requested resourceVersion is older than the retained history. */
public final class GoneException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public GoneException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public GoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
