package dev.pilothouse.server.portal;

/**
 * Objects of one kind the user may read, for the overview.
 *
 * @param kind the kind, for its name and link
 * @param count how many objects the user may read
 */
public record KindCount(KindRef kind, long count) {}
