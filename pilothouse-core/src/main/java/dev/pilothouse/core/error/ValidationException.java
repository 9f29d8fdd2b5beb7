package dev.pilothouse.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** A document is well-formed but violates its kind's schema or rules; names each bad field. */
public final class ValidationException extends PilothouseException {
  private final List<FieldError> errors;

  /** Creates the error from one or more field problems. */
  public ValidationException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  /** Convenience for a single field problem. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  @Override
  public List<FieldError> fieldErrors() {
    return errors;
  }
}
