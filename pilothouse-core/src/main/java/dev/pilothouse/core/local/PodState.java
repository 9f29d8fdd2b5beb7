package dev.pilothouse.core.local;

import java.time.Instant;
import java.util.Optional;

/**
 * What the local runtime observes of one pod (one supervised OS process).
 *
 * @param namespace the pod's namespace
 * @param name the pod's name, {@code <replicaSet>-<ordinal>}
 * @param replicaSet the owning ReplicaSet
 * @param ordinal the pod's number within its ReplicaSet
 * @param phase whether its process runs, has exited, or is being stopped
 * @param ready whether its readiness probe passes
 * @param health whether a probe asks for a restart: the liveness probe, or the startup probe,
 *     failed {@code failureThreshold} times in a row
 * @param restarts how often it was restarted
 * @param exitedAt when its process exited (or failed to start), for {@link Phase#EXITED}
 */
public record PodState(
    String namespace,
    String name,
    String replicaSet,
    int ordinal,
    Phase phase,
    boolean ready,
    Health health,
    int restarts,
    Optional<Instant> exitedAt) {

  /** Lifecycle of a pod's process. */
  public enum Phase {
    /** The process is alive. */
    RUNNING,
    /** The process exited or could not be started; it is restarted after a backoff. */
    EXITED,
    /** The process is being stopped (scale-down); it no longer counts or receives traffic. */
    STOPPING
  }

  /** Whether a running pod's probes ask for a restart, and which one. */
  public enum Health {
    /** No probe asks for a restart. */
    HEALTHY(""),
    /** The liveness probe failed. */
    LIVENESS_FAILED("LivenessProbeFailed"),
    /** The startup probe failed before it ever passed. */
    STARTUP_FAILED("StartupProbeFailed");

    private final String reason;

    Health(String reason) {
      this.reason = reason;
    }

    /** The restart's reason, as the pod's log and status show it. */
    public String reason() {
      return reason;
    }
  }

  /** Whether the pod counts toward its ReplicaSet's replicas. */
  public boolean active() {
    return phase != Phase.STOPPING;
  }

  /** Whether the pod may receive traffic. */
  public boolean serving() {
    return phase == Phase.RUNNING && ready;
  }
}
