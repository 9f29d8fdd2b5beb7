package dev.pilothouse.core.flags;

/** The error codes flagd emits (a subset of OpenFeature's). */
public enum ErrorCode {
  /** No flag with the key exists. */
  FLAG_NOT_FOUND,
  /** The flag's definition could not be used, e.g. a {@code $ref} to a missing evaluator. */
  PARSE_ERROR,
  /** The resolved value is not of the type the caller asked for. */
  TYPE_MISMATCH,
  /** Anything else, e.g. targeting named a variant the flag does not have. */
  GENERAL,
  /** The evaluation context is not a JSON object. */
  INVALID_CONTEXT
}
