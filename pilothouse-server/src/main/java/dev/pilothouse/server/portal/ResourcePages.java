package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The resource browser: the served kinds, the objects of a kind, and one object as YAML. */
final class ResourcePages {
  private final ResourceService resources;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Views views;

  ResourcePages(ResourceService resources, Authorizer authorizer, Clock clock, Views views) {
    this.resources = resources;
    this.authorizer = authorizer;
    this.clock = clock;
    this.views = views;
  }

  /** GET /resources. */
  void kinds(ServerRequest req, ServerResponse res, Principal who) {
    List<KindRef> kinds =
        resources.kinds().kinds().stream()
            .sorted(Comparator.comparing(KindInfo::group).thenComparing(KindInfo::kind))
            .map(KindRef::new)
            .toList();
    views.send(
        res,
        "kinds.jte",
        Map.of("chrome", new Chrome("Resources", "/resources", who), "kinds", kinds));
  }

  /** GET /resources/{group}/{version}/{plural}[?namespace=&labelSelector=]. */
  void list(ServerRequest req, ServerResponse res, Principal who) {
    KindRef kind = kind(req);
    String namespace = kind.namespaced() ? req.query().first("namespace").orElse("").trim() : "";
    String selectorText = req.query().first("labelSelector").orElse("").trim();
    LabelSelector selector = LabelSelector.parse(selectorText);
    if (!namespace.isEmpty()) {
      authorizer.require(who, Access.READ, namespace);
    }
    ResourceList list =
        resources.list(kind.info(), namespace.isEmpty() ? null : namespace, selector);
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome(kind.kind(), "/resources", who));
    params.put("kind", kind);
    params.put("rows", rows(kind, list, who));
    params.put("namespace", namespace);
    params.put("selector", selectorText);
    params.put(
        "events",
        kind.eventsUrl(namespace, selectorText, null, list.resourceVersion(), LiveEvents.ROWS));
    views.send(res, "list.jte", params);
  }

  /** GET /resources/{group}/{version}/{plural}[/{namespace}]/{name}. */
  void object(ServerRequest req, ServerResponse res, Principal who) {
    KindRef kind = kind(req);
    var path = req.path().pathParameters();
    boolean nsInPath = path.contains("namespace");
    if (nsInPath != kind.namespaced()) {
      throw new NotFoundException(
          kind.kind()
              + (kind.namespaced()
                  ? " is namespaced: open it under its namespace"
                  : " is cluster-scoped: open it without a namespace"));
    }
    String namespace = nsInPath ? path.get("namespace") : "";
    authorizer.require(who, Access.READ, namespace);
    Resource r = resources.get(kind.info(), namespace, path.get("name"));
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome(r.name() + " · " + kind.kind(), "/resources", who));
    params.put("kind", kind);
    params.put("view", ObjectView.of(r, clock.instant()));
    params.put(
        "events",
        kind.eventsUrl(namespace, null, r.name(), r.resourceVersion(), LiveEvents.OBJECT));
    views.send(res, "object.jte", params);
  }

  private List<ObjectRow> rows(KindRef kind, ResourceList list, Principal who) {
    Instant now = clock.instant();
    return list.items().stream()
        .filter(r -> authorizer.allows(who, Access.READ, r.namespace()))
        .map(r -> ObjectRow.of(kind, r, now))
        .sorted(Comparator.comparing(ObjectRow::sortKey))
        .toList();
  }

  private KindRef kind(ServerRequest req) {
    var p = req.path().pathParameters();
    return kind(resources, p.get("group"), p.get("version"), p.get("plural"));
  }

  /** The kind a portal URL addresses, or {@link NotFoundException}. */
  static KindRef kind(ResourceService resources, String group, String version, String plural) {
    return new KindRef(resources.kinds().byPath(KindRef.registryGroup(group), version, plural));
  }
}
