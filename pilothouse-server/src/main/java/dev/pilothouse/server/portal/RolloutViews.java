package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.delivery.RolloutOperations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a rollout page's dynamic part from the rollout and what it owns: its ReplicaSets (the
 * revision history) and AnalysisRuns (for their measurements), both found by the owner label the
 * rollout controller puts on them.
 */
final class RolloutViews {
  /** Label naming the owning rollout on its ReplicaSets and AnalysisRuns. */
  static final String OWNER_LABEL = Revisions.OWNER_LABEL;

  private final ResourceService resources;
  private final Authorizer authorizer;
  private final Clock clock;
  private final RolloutOperations operations;
  private final KindInfo analysisRuns;

  RolloutViews(
      ResourceService resources, RolloutOperations operations, Authorizer authorizer, Clock clock) {
    this.resources = resources;
    this.operations = operations;
    this.authorizer = authorizer;
    this.clock = clock;
    this.analysisRuns = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
  }

  RolloutView of(RolloutDoc r, Principal who, boolean deleted) {
    boolean canWrite = !deleted && authorizer.allows(who, Access.WRITE, r.namespace());
    return new RolloutView(
        RolloutView.ID,
        RolloutRow.detailUrl(r.namespace(), r.name()),
        r.strategy(),
        r.phase(),
        r.message(),
        r.images(),
        r.stableHash(),
        r.currentHash(),
        StepView.of(r.steps(), r.stepIndex()),
        r.canaryWeight(),
        r.activeHash(),
        r.currentHash().equals(r.activeHash()) ? "" : r.currentHash(),
        r.readyReplicas() + "/" + r.replicas(),
        runs(r),
        revisions(r),
        RolloutButtons.of(r, canWrite),
        deleted);
  }

  private List<RunView> runs(RolloutDoc r) {
    Map<String, Resource> stored =
        owned(analysisRuns, r).stream()
            .collect(Collectors.toMap(Resource::name, Function.identity(), (a, b) -> a));
    List<RunView> runs = new ArrayList<>();
    for (JsonNode ref : r.status().path("pilothouse").path("analysisRuns")) {
      runs.add(RunView.of(ref, Optional.ofNullable(stored.get(ref.path("name").asText()))));
    }
    return runs;
  }

  private List<RevisionView> revisions(RolloutDoc r) {
    Instant now = clock.instant();
    return operations.revisions(r.namespace(), r.name()).reversed().stream()
        .map(rs -> RevisionView.of(rs, r, now))
        .toList();
  }

  private List<Resource> owned(KindInfo kind, RolloutDoc r) {
    LabelSelector owner = LabelSelector.parse(OWNER_LABEL + "=" + r.name());
    return resources.list(kind, r.namespace(), owner).items();
  }
}
