package dev.pilothouse.core.tenancy;

/** A user's role in a team, ordered by what it allows. */
public enum Role {
  /** Reads the team's namespaces. */
  VIEWER,
  /** Also creates, changes and deletes resources in them. */
  EDITOR,
  /** Also manages the team's members and namespaces. */
  ADMIN;

  /** Whether this role includes everything {@code other} allows. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code viewer|editor|admin}, case-insensitively. */
  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw dev.pilothouse.core.error.ValidationException.of(
          "role", "'" + text + "' is not one of viewer, editor, admin");
    }
  }
}
