package dev.pilothouse.core.error;

/** The request is malformed (for example unparseable JSON or YAML). */
public final class BadRequestException extends PilothouseException {

  /** Creates the error with a message that is safe to show to clients. */
  public BadRequestException(String message) {
    super(message);
  }

  /** Creates the error with a safe message and the underlying cause (never shown to clients). */
  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
