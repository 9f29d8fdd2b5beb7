package dev.pilothouse.core.flags;

import java.util.Map;

/** The value type a caller asks for; a resolved value of another type is a TYPE_MISMATCH. */
public enum FlagType {
  BOOLEAN,
  STRING,
  INTEGER,
  FLOAT,
  OBJECT;

  /** Whether a resolved variant value (a plain Java JSON value) has this type. */
  public boolean accepts(Object value) {
    return switch (this) {
      case BOOLEAN -> value instanceof Boolean;
      case STRING -> value instanceof String;
      case INTEGER -> value instanceof Integer || value instanceof Long;
      // An integral variant is a valid float: JSON does not distinguish 1 from 1.0 reliably.
      case FLOAT -> value instanceof Number;
      case OBJECT -> value instanceof Map;
    };
  }
}
