package dev.pilothouse.core.error;

/** The request body exceeds the configured limit. */
public final class PayloadTooLargeException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public PayloadTooLargeException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public PayloadTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
