package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.proxy.ProxyMetrics;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Delivery section: every rollout the user may read, and one rollout's page. */
final class DeliveryPages {
  private final ResourceService resources;
  private final Authorizer authorizer;
  private final RolloutViews rolloutViews;
  private final Views views;
  private final KindRef rollouts;
  private final KindRef analysisRuns;
  private final KindRef replicaSets;
  private final ProxyMetrics proxy; // null without the local runtime

  DeliveryPages(
      ResourceService resources,
      Authorizer authorizer,
      RolloutViews rolloutViews,
      Views views,
      ProxyMetrics proxy) {
    this.resources = resources;
    this.proxy = proxy;
    this.replicaSets = ResourcePages.kind(resources, "apps", "v1", "replicasets");
    this.authorizer = authorizer;
    this.rolloutViews = rolloutViews;
    this.views = views;
    this.rollouts = ResourcePages.kind(resources, "argoproj.io", "v1alpha1", "rollouts");
    this.analysisRuns = ResourcePages.kind(resources, "argoproj.io", "v1alpha1", "analysisruns");
  }

  /** GET /delivery. */
  void list(ServerRequest req, ServerResponse res, Principal who) {
    ResourceList list = resources.list(rollouts.info(), null, LabelSelector.ALL);
    List<RolloutRow> rows =
        list.items().stream()
            .filter(r -> authorizer.allows(who, Access.READ, r.namespace()))
            .map(r -> RolloutRow.of(new RolloutDoc(r)))
            .sorted(Comparator.comparing(RolloutRow::sortKey))
            .toList();
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome("Delivery", "/delivery", who));
    params.put("rows", rows);
    params.put(
        "events",
        rollouts.eventsUrl(null, null, null, list.resourceVersion(), LiveEvents.ROLLOUT_ROWS));
    views.send(res, "delivery.jte", params);
  }

  /** GET /delivery/{namespace}/{name}[?done=action]. */
  void rollout(ServerRequest req, ServerResponse res, Principal who) {
    var path = req.path().pathParameters();
    String namespace = path.get("namespace");
    authorizer.require(who, Access.READ, namespace);
    Resource r = resources.get(rollouts.info(), namespace, path.get("name"));
    long rv = r.resourceVersion();
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome(r.name() + " · Delivery", "/delivery", who));
    params.put("namespace", namespace);
    params.put("name", r.name());
    params.put("notice", DeliveryActions.notice(req.query().first("done").orElse("")));
    params.put("view", rolloutViews.of(new RolloutDoc(r), who, false));
    params.put("events", rollouts.eventsUrl(namespace, null, r.name(), rv, LiveEvents.ROLLOUT));
    // Analysis runs change without the rollout changing (new measurements): follow them too.
    String owner = RolloutViews.OWNER_LABEL + "=" + r.name();
    params.put("runEvents", analysisRuns.eventsUrl(namespace, owner, null, rv, LiveEvents.ROLLOUT));
    params.put("traffic", proxy == null ? null : traffic(r));
    params.put("trafficHref", "/delivery/" + namespace + "/" + r.name());
    views.send(res, "rollout.jte", params);
  }

  /** GET /delivery/{namespace}/{name}/traffic: the success-rate-by-version card (polled). */
  void traffic(ServerRequest req, ServerResponse res, Principal who) {
    var path = req.path().pathParameters();
    String namespace = path.get("namespace");
    authorizer.require(who, Access.READ, namespace);
    Resource r = resources.get(rollouts.info(), namespace, path.get("name"));
    Map<String, Object> params = new HashMap<>();
    params.put("charts", proxy == null ? List.of() : traffic(r));
    params.put("href", "/delivery/" + namespace + "/" + r.name());
    views.send(res, "trafficCard.jte", params);
  }

  /** Charts of the rollout's revisions (oldest first) behind the proxy. */
  private List<TrafficChart> traffic(Resource rollout) {
    Map<String, String> images = new java.util.LinkedHashMap<>();
    resources
        .list(
            replicaSets.info(),
            rollout.namespace(),
            LabelSelector.parse(RolloutViews.OWNER_LABEL + "=" + rollout.name()))
        .items()
        .stream()
        .sorted(
            Comparator.comparingInt(rs ->
                rs.metadata()
                    .path("annotations")
                    .path(dev.pilothouse.core.delivery.Revisions.REVISION_ANNOTATION)
                    .asInt(0)))
        .forEach(rs ->
            images.put(
                rs.labels().getOrDefault(dev.pilothouse.core.delivery.Revisions.HASH_LABEL, ""),
                rs.json()
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .path(0)
                    .path("image")
                    .asText()));
    return TrafficChart.of(proxy, rollout.namespace(), images);
  }
}
