package dev.pilothouse.core.tenancy;

/** A user's role in a team. */
public record Membership(String team, String user, Role role) {}
