package dev.pilothouse.store;

/** Another Pilothouse process (or this one) already runs on the data folder. */
public final class DataFolderInUseException extends IllegalStateException {

  /** Creates the error; the message names the folder and, when known, the owning pid. */
  public DataFolderInUseException(String message) {
    super(message);
  }
}
