package dev.pilothouse.proxy;

/** A proxy listener could not be bound or stopped. */
public final class ProxyException extends RuntimeException {

  /** Creates the exception with a safe message and its cause. */
  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
