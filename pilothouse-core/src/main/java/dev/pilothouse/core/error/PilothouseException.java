package dev.pilothouse.core.error;

import java.util.List;

/**
 * Base of every typed domain error. Each subclass names one failure a client can act on; the HTTP
 * layer maps them to problem responses in one place, and only {@link #getMessage()} (always safe to
 * show) reaches the client.
 */
public abstract sealed class PilothouseException extends RuntimeException
    permits AlreadyExistsException,
        BadRequestException,
        ConflictException,
        EncryptionKeyMissingException,
        ForbiddenException,
        GoneException,
        NotFoundException,
        PayloadTooLargeException,
        UnauthorizedException,
        UnavailableException,
        ValidationException {

  protected PilothouseException(String message) {
    super(message);
  }

  protected PilothouseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Field-level problems; empty unless the error is about specific fields. */
  public List<FieldError> fieldErrors() {
    return List.of();
  }
}
