package dev.pilothouse.core.tenancy;

import java.time.Instant;

/**
 * A user of Pilothouse.
 *
 * @param platformAdmin whether the user administers the whole installation (all teams,
 *     cluster-scoped resources, users and tokens)
 */
public record User(String name, boolean platformAdmin, Instant created) {}
