package dev.pilothouse.core.local;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local runtime's plan for one moment.
 *
 * @param actions what to do now, in order
 * @param wakeAt when a pending restart falls due, if one does
 */
public record PodPlan(List<PodAction> actions, Optional<Instant> wakeAt) {}
