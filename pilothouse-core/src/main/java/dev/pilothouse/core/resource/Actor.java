package dev.pilothouse.core.resource;

/**
 * Who makes a change, as written to the audit log.
 *
 * @param subject the user name, or a system component such as {@code system:controller}
 */
public record Actor(String subject) {
  /** Pilothouse itself (controllers, bootstrap). */
  public static final Actor SYSTEM = new Actor("system:pilothouse");
}
