package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.tenancy.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Live updates of the Delivery pages: a rollout's list row, or the dynamic part of its page. The
 * page also follows the rollout's AnalysisRuns; a change to one re-renders the owning rollout.
 */
final class DeliveryFragments {
  // Named so the page's script ignores it: nothing to show for a run whose rollout is gone.
  private static final LiveFragments.Message NOTHING = new LiveFragments.Message("none", "{}");

  private final Views views;
  private final ResourceService resources;
  private final RolloutViews rolloutViews;
  private final KindInfo rollouts;

  DeliveryFragments(Views views, ResourceService resources, RolloutViews rolloutViews) {
    this.views = views;
    this.resources = resources;
    this.rolloutViews = rolloutViews;
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
  }

  LiveFragments.Message of(LiveQuery q, WatchEvent event, Principal who) {
    boolean deleted = event.type() == WatchEvent.Type.DELETED;
    if (LiveEvents.ROLLOUT_ROWS.equals(q.view())) {
      RolloutRow row = RolloutRow.of(new RolloutDoc(event.object()));
      if (deleted) {
        return new LiveFragments.Message("remove", Json.write(Json.object().put("id", row.id())));
      }
      return LiveFragments.upsert(row.id(), views.render("rolloutRow.jte", Map.of("row", row)));
    }
    if (q.kind().info().equals(rollouts)) {
      return body(new RolloutDoc(event.object()), who, deleted);
    }
    return owner(event.object()).map(r -> body(new RolloutDoc(r), who, false)).orElse(NOTHING);
  }

  private LiveFragments.Message body(RolloutDoc r, Principal who, boolean deleted) {
    RolloutView view = rolloutViews.of(r, who, deleted);
    return LiveFragments.upsert(view.id(), views.render("rolloutBody.jte", Map.of("view", view)));
  }

  private Optional<Resource> owner(Resource run) {
    String name = run.labels().get(RolloutViews.OWNER_LABEL);
    try {
      return name == null
          ? Optional.empty()
          : Optional.of(resources.get(rollouts, run.namespace(), name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
