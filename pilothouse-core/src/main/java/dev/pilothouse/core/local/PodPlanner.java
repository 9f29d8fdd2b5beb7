package dev.pilothouse.core.local;

import dev.pilothouse.core.control.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the local runtime: desired pods per ReplicaSet against the observed processes gives the
 * starts, stops, restarts and status writes that bring them together. Pure: the caller supplies the
 * time.
 */
public final class PodPlanner {
  /** Restart delays after a crash: 1 s doubling up to 30 s (Kubernetes uses 10 s to 5 min). */
  public static final Backoff RESTART_BACKOFF =
      new Backoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));

  private PodPlanner() {}

  /** Plans with the default {@link #RESTART_BACKOFF}. */
  public static PodPlan plan(List<DesiredPods> desired, List<PodState> observed, Instant now) {
    return plan(desired, observed, RESTART_BACKOFF, now);
  }

  /** Plans what to do at {@code now}. */
  public static PodPlan plan(
      List<DesiredPods> desired, List<PodState> observed, Backoff backoff, Instant now) {
    List<PodAction> actions = new ArrayList<>();
    Optional<Instant> wakeAt = Optional.empty();
    Map<String, List<PodState>> byOwner = new HashMap<>();
    for (PodState pod : observed) {
      byOwner
          .computeIfAbsent(key(pod.namespace(), pod.replicaSet()), k -> new ArrayList<>())
          .add(pod);
    }
    Set<String> wanted = new HashSet<>();
    for (DesiredPods rs : desired) {
      String key = key(rs.namespace(), rs.replicaSet());
      wanted.add(key);
      List<PodState> pods = byOwner.getOrDefault(key, List.of());
      List<PodState> kept = scale(rs, pods, actions);
      for (PodState pod : kept) {
        wakeAt = earliest(wakeAt, heal(pod, backoff, now, actions));
      }
      int replicas = kept.size() + Math.max(0, rs.replicas() - countActive(pods));
      int ready = (int) kept.stream().filter(PodState::serving).count();
      if (replicas != rs.statusReplicas() || ready != rs.statusReady()) {
        actions.add(new PodAction.WriteStatus(rs.namespace(), rs.replicaSet(), replicas, ready));
      }
    }
    for (PodState pod : observed) {
      if (!wanted.contains(key(pod.namespace(), pod.replicaSet())) && pod.active()) {
        actions.add(new PodAction.Stop(pod.namespace(), pod.name()));
      }
    }
    return new PodPlan(List.copyOf(actions), wakeAt);
  }

  /** Starts missing pods or stops extra ones; returns the active pods that stay. */
  private static List<PodState> scale(
      DesiredPods rs, List<PodState> pods, List<PodAction> actions) {
    List<PodState> active = new ArrayList<>(pods.stream().filter(PodState::active).toList());
    int missing = rs.replicas() - active.size();
    if (missing > 0) {
      Set<Integer> taken = new HashSet<>();
      pods.forEach(p -> taken.add(p.ordinal()));
      int ordinal = 0;
      for (int i = 0; i < missing; i++) {
        while (taken.contains(ordinal)) {
          ordinal++;
        }
        taken.add(ordinal);
        actions.add(
            new PodAction.Start(
                rs.namespace(), rs.replicaSet(), podName(rs.replicaSet(), ordinal)));
      }
    } else if (missing < 0) {
      // Stop the least useful first: exited, then not ready, then the newest.
      active.sort(
          Comparator.comparing((PodState p) -> p.phase() == PodState.Phase.EXITED)
              .thenComparing(p -> !p.ready())
              .thenComparing(PodState::ordinal)
              .reversed());
      for (int i = 0; i < -missing; i++) {
        PodState extra = active.removeFirst();
        actions.add(new PodAction.Stop(extra.namespace(), extra.name()));
      }
    }
    return active;
  }

  /** Restarts an exited pod once its backoff is over, or an unhealthy one now. */
  private static Optional<Instant> heal(
      PodState pod, Backoff backoff, Instant now, List<PodAction> actions) {
    if (pod.phase() == PodState.Phase.RUNNING && pod.health() != PodState.Health.HEALTHY) {
      actions.add(new PodAction.Restart(pod.namespace(), pod.name(), pod.health().reason()));
      return Optional.empty();
    }
    if (pod.phase() != PodState.Phase.EXITED) {
      return Optional.empty();
    }
    Instant due = pod.exitedAt().orElse(now).plus(backoff.delay(pod.restarts() + 1));
    if (!due.isAfter(now)) {
      actions.add(new PodAction.Restart(pod.namespace(), pod.name(), "ProcessExited"));
      return Optional.empty();
    }
    return Optional.of(due);
  }

  private static int countActive(List<PodState> pods) {
    return (int) pods.stream().filter(PodState::active).count();
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isBefore(b.get()) ? a : b;
  }

  /** The name of a ReplicaSet's pod with this ordinal. */
  public static String podName(String replicaSet, int ordinal) {
    return replicaSet + "-" + ordinal;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
