package dev.pilothouse.core.local;

/**
 * What one ReplicaSet asks of the local runtime, with the status last written for it (so a plan
 * only rewrites the status when it changed).
 *
 * @param namespace the ReplicaSet's namespace
 * @param replicaSet its name
 * @param replicas the desired number of pods
 * @param statusReplicas {@code status.replicas} as stored
 * @param statusReady {@code status.readyReplicas} as stored
 */
public record DesiredPods(
    String namespace, String replicaSet, int replicas, int statusReplicas, int statusReady) {}
