package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The start page: what the signed-in user can see, counted per kind, and their teams. */
final class OverviewPage {
  private final ResourceService resources;
  private final Authorizer authorizer;
  private final Views views;

  OverviewPage(ResourceService resources, Authorizer authorizer, Views views) {
    this.resources = resources;
    this.authorizer = authorizer;
    this.views = views;
  }

  void show(ServerRequest req, ServerResponse res, Principal who) {
    views.send(
        res,
        "overview.jte",
        Map.of(
            "chrome", new Chrome("Overview", "/", who),
            "counts", counts(who),
            "teams", new TreeMap<>(who.teamRoles())));
  }

  // Counts by listing: fine at today's sizes; a count query on the store would scale further.
  private List<KindCount> counts(Principal who) {
    return resources.kinds().kinds().stream()
        .sorted(Comparator.comparing(KindInfo::kind))
        .map(k -> new KindCount(new KindRef(k), readable(k, who)))
        .toList();
  }

  private long readable(KindInfo kind, Principal who) {
    return resources.list(kind, null, LabelSelector.ALL).items().stream()
        .filter(r -> authorizer.allows(who, Access.READ, r.namespace()))
        .count();
  }
}
