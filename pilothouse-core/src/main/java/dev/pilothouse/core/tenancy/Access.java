package dev.pilothouse.core.tenancy;

/** What an operation needs: to read, or to write. */
public enum Access {
  READ,
  WRITE
}
