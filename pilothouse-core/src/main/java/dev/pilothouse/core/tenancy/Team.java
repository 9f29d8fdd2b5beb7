package dev.pilothouse.core.tenancy;

import java.time.Instant;

/** A team: owns namespaces, has members with roles. */
public record Team(String name, Instant created) {}
