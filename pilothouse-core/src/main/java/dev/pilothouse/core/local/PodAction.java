package dev.pilothouse.core.local;

/** One change the local runtime's applier makes so processes match the ReplicaSets. */
public sealed interface PodAction {

  /** Start a new pod of a ReplicaSet from its pod template. */
  record Start(String namespace, String replicaSet, String pod) implements PodAction {}

  /** Stop a pod's process gracefully and forget the pod. */
  record Stop(String namespace, String pod) implements PodAction {}

  /** Stop the pod's process if it still runs and start it again (restart count + 1). */
  record Restart(String namespace, String pod, String reason) implements PodAction {}

  /** Record a ReplicaSet's observed replica counts in its status. */
  record WriteStatus(String namespace, String replicaSet, int replicas, int readyReplicas)
      implements PodAction {}
}
