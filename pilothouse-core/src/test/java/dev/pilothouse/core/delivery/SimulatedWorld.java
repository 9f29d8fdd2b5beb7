package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.AnalysisPhase;
import dev.pilothouse.core.json.Yaml;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny fake cluster for planner tests: applies plans to ReplicaSets (ready at once unless told
 * otherwise), services and analysis runs, and steps a fake clock.
 */
final class SimulatedWorld {
  record Rs(int replicas, int ready, Optional<Instant> scaleDownAt) {}

  final Map<String, Rs> replicaSets = new LinkedHashMap<>();
  final Map<String, String> services = new HashMap<>();
  final Map<String, AnalysisPhase> runs = new HashMap<>();
  final List<String> started = new ArrayList<>();
  final List<Integer> weights = new ArrayList<>();
  final List<Action.RouteTraffic> routes = new ArrayList<>();

  /** The platform events the controller would record, oldest first. */
  final List<dev.pilothouse.core.events.PlatformEvent> events = new ArrayList<>();

  boolean podsBecomeReady = true;
  Instant now = Instant.parse("2026-11-23T10:00:00Z");
  RolloutStatus status = RolloutStatus.initial();
  JsonNode document;
  Plan last;

  SimulatedWorld(String yaml) {
    document = Yaml.readAll(yaml, "test").getFirst();
  }

  RolloutSpec spec() {
    return RolloutParser.parse(document);
  }

  Observed observed() {
    List<Observed.ReplicaSetState> list = new ArrayList<>();
    replicaSets.forEach((h, rs) ->
        list.add(new Observed.ReplicaSetState(h, rs.replicas(), rs.ready(), rs.scaleDownAt())));
    return new Observed(list, runs);
  }

  /** One reconcile: plan, apply, record. */
  Plan reconcile() {
    last = RolloutPlanner.plan("web", spec(), status, observed(), now);
    events.addAll(
        RolloutEvents.between("shop", "web", status, last.status(), spec().stepCount(), now));
    status = last.status();
    last.actions().forEach(this::apply);
    return last;
  }

  /** Reconciles until nothing changes (at most 20 times). */
  void settle() {
    for (int i = 0; i < 20; i++) {
      RolloutStatus before = status;
      Map<String, Rs> rsBefore = new HashMap<>(replicaSets);
      reconcile();
      if (status.equals(before) && rsBefore.equals(replicaSets)) {
        return;
      }
    }
  }

  void advance(Duration d) {
    now = now.plus(d);
    settle();
  }

  void setImage(String image) {
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            document.path("spec").path("template").path("spec").path("containers").get(0))
        .put("image", image);
  }

  int replicas(String hash) {
    return Optional.ofNullable(replicaSets.get(hash)).map(Rs::replicas).orElse(0);
  }

  private void apply(Action action) {
    switch (action) {
      case Action.ScaleReplicaSet s -> {
        Rs old = replicaSets.get(s.hash());
        int ready =
            podsBecomeReady ? s.replicas() : Math.min(s.replicas(), old == null ? 0 : old.ready());
        replicaSets.put(
            s.hash(),
            new Rs(
                s.replicas(),
                ready,
                s.replicas() == 0
                    ? Optional.empty()
                    : old == null ? Optional.empty() : old.scaleDownAt()));
      }
      case Action.ScheduleScaleDown s ->
          replicaSets.computeIfPresent(
              s.hash(), (h, rs) -> new Rs(rs.replicas(), rs.ready(), Optional.of(s.at())));
      case Action.SelectRevision s -> services.put(s.service(), s.hash());
      case Action.RouteTraffic r -> {
        weights.add(r.canaryWeight());
        routes.add(r);
      }
      case Action.StartAnalysis a -> {
        started.add(a.runName());
        runs.put(a.runName(), AnalysisPhase.Running);
      }
      case Action.TerminateAnalysis t ->
          runs.computeIfPresent(
              t.runName(), (n, p) -> p.completed() ? p : AnalysisPhase.Successful);
    }
  }
}
