package dev.pilothouse.cli;

/** A kind name or a document's apiVersion/kind that the server does not serve. */
final class UnknownKindException extends CliException {
  UnknownKindException(String message, int exitCode) {
    super(message, exitCode);
  }
}
