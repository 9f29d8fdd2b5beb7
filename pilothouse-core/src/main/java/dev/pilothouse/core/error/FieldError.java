package dev.pilothouse.core.error;

/**
 * One problem with one field of a submitted document.
 *
 * @param field path of the field, dotted with indices, e.g. {@code spec.steps[2].setWeight}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
