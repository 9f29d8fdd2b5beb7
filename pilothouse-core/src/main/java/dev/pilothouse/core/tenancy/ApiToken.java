package dev.pilothouse.core.tenancy;

import java.time.Instant;

/**
 * Metadata of an API token. The secret itself is never stored, only its hash.
 *
 * @param id public identifier used to list and revoke the token
 * @param revoked when it was revoked, null while active
 */
public record ApiToken(
    String id, String user, String description, Instant created, Instant revoked) {

  /** Whether the token still authenticates. */
  public boolean active() {
    return revoked == null;
  }
}
