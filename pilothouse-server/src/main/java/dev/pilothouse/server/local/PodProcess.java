package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.local.PodState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's mutable record of one pod: its process, port and probe results. Written by the
 * runtime's tick thread (probes run on virtual threads the tick waits for), read by routing.
 */
final class PodProcess {
  final String namespace;
  final String name;
  final String replicaSet;
  final int ordinal;
  final JsonNode container;
  final Map<String, String> labels;
  final Probe readiness;
  final Probe liveness;

  volatile ProcessHandle handle;
  volatile int port;
  volatile Instant startedAt;
  volatile PodState.Phase phase = PodState.Phase.EXITED;
  volatile boolean ready;
  volatile int livenessFailures;
  volatile int readinessFailures;
  volatile int restarts;
  volatile Instant exitedAt;
  volatile String reason = "";
  volatile String message = "";
  volatile Instant lastLivenessProbe = Instant.EPOCH;
  volatile Instant lastReadinessProbe = Instant.EPOCH;

  /** What was last written to the Pod record, to write only changes. */
  String recorded = "";

  PodProcess(
      String namespace,
      String name,
      String replicaSet,
      int ordinal,
      JsonNode container,
      Map<String, String> labels) {
    this.namespace = namespace;
    this.name = name;
    this.replicaSet = replicaSet;
    this.ordinal = ordinal;
    this.container = container;
    this.labels = Map.copyOf(labels);
    Probe declared = Probe.parse(container.get("readinessProbe"));
    this.readiness = declared == null ? Probe.TCP : declared;
    this.liveness = Probe.parse(container.get("livenessProbe"));
  }

  String key() {
    return namespace + "/" + name;
  }

  PodState state() {
    boolean unhealthy = liveness != null && livenessFailures >= liveness.failureThreshold();
    return new PodState(
        namespace,
        name,
        replicaSet,
        ordinal,
        phase,
        ready,
        unhealthy,
        restarts,
        Optional.ofNullable(exitedAt));
  }

  LocalRuntime.Pod view() {
    return new LocalRuntime.Pod(namespace, name, replicaSet, labels, port, state().serving());
  }
}
