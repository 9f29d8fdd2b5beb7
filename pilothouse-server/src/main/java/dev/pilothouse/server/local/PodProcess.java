package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.local.PodState;
import dev.pilothouse.core.local.PortMap;
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
  final ProbeTracker readiness;
  final ProbeTracker liveness;
  final ProbeTracker startup;

  volatile ProcessHandle handle;
  volatile PortMap ports = PortMap.single(0);
  volatile Map<String, String> env = Map.of();
  volatile Instant startedAt;
  volatile PodState.Phase phase = PodState.Phase.EXITED;
  volatile int restarts;

  /** Start attempts that failed before any process ran (a bad image or env); they back off too. */
  volatile int failedStarts;

  volatile Instant exitedAt;
  volatile String reason = "";
  volatile String message = "";

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
    this.readiness = new ProbeTracker(declared == null ? Probe.DEFAULT_READINESS : declared, false);
    Probe live = Probe.parse(container.get("livenessProbe"));
    this.liveness = live == null ? null : new ProbeTracker(live, true);
    Probe start = Probe.parse(container.get("startupProbe"));
    this.startup = start == null ? null : new ProbeTracker(start, false);
  }

  /**
   * The probes to run now: only the startup probe until it passed (Kubernetes holds readiness and
   * liveness back until then), then readiness and liveness.
   */
  ProbeTracker[] dueProbes() {
    if (startup != null && !startup.passing()) {
      return new ProbeTracker[] {startup};
    }
    return new ProbeTracker[] {readiness, liveness};
  }

  /** Whether the process runs and passes its readiness probe. */
  boolean ready() {
    return phase == PodState.Phase.RUNNING && readiness.passing();
  }

  /** A new process started (or was adopted, {@code fresh} false) at {@code now}. */
  void resetProbes(Instant now, boolean fresh) {
    for (ProbeTracker t : new ProbeTracker[] {readiness, liveness, startup}) {
      if (t != null && fresh) {
        t.reset(now);
      } else if (t != null) {
        t.resume(now);
      }
    }
    if (startup != null && !fresh) {
      startup.markPassed();
    }
  }

  String key() {
    return namespace + "/" + name;
  }

  PodState state() {
    PodState.Health health =
        startup != null && startup.failedOut()
            ? PodState.Health.STARTUP_FAILED
            : liveness != null && !liveness.passing()
                ? PodState.Health.LIVENESS_FAILED
                : PodState.Health.HEALTHY;
    return new PodState(
        namespace,
        name,
        replicaSet,
        ordinal,
        phase,
        ready(),
        health,
        restarts + failedStarts,
        Optional.ofNullable(exitedAt));
  }

  LocalRuntime.Pod view() {
    return new LocalRuntime.Pod(namespace, name, replicaSet, labels, ports, state().serving());
  }
}
