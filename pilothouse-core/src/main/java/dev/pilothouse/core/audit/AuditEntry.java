package dev.pilothouse.core.audit;

import java.time.Instant;

/**
 * One mutation, as kept in the audit log.
 *
 * @param time when it was committed
 * @param actor who made it
 * @param verb what was done: create, update, delete, or a tenancy verb such as {@code token.revoke}
 * @param target what it was done to, e.g. {@code Rollout.argoproj.io shop/web} or {@code
 *     team/payments}
 * @param namespace the namespace of the target, empty when cluster-wide
 * @param beforeVersion resourceVersion before the change, 0 when there was none
 * @param afterVersion resourceVersion after the change, 0 when there is none
 */
public record AuditEntry(
    Instant time,
    String actor,
    String verb,
    String target,
    String namespace,
    long beforeVersion,
    long afterVersion) {}
