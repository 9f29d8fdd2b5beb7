package dev.pilothouse.server.portal;

import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.kube.KubeRuntime;
import dev.pilothouse.server.PilothouseServer.ServerContext;
import dev.pilothouse.server.delivery.RolloutOperations;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The web portal: server-rendered HTML pages (jte) at {@code /} and below, which all work without
 * JavaScript; a small script adds live updates from {@code /portal/events} (server-sent events).
 * The session is the {@code pilothouse_token} cookie holding an API token, so the portal sees
 * exactly what the API would show the same user.
 */
public final class Portal implements HttpService {
  private final PortalGuard guard;
  private final LoginPage login;
  private final OverviewPage overview;
  private final ResourcePages resourcePages;
  private final TeamsPage teams;
  private final DeliveryPages delivery;
  private final DeliveryActions deliveryActions;
  private final LiveEvents events;
  private final SloPages slos;
  private final AnomalyPages anomalies;
  private final ClustersPage clusters;
  private final ClusterActions clusterActions;
  private final FlagPages flagPages;
  private final StaticAssets assets = new StaticAssets();
  private final Views views;

  /**
   * Creates the portal over the server's shared components and the registered Kubernetes clusters
   * ({@code kube} gives null when there are none).
   */
  public Portal(ServerContext c, Supplier<KubeRuntime> kube) {
    this.views = new Views();
    this.guard = new PortalGuard(c.auth(), views);
    this.login = new LoginPage(c.auth(), views);
    this.overview = new OverviewPage(c.resources(), c.authorizer(), views);
    this.resourcePages = new ResourcePages(c.resources(), c.authorizer(), c.clock(), views);
    this.teams = new TeamsPage(c.backend().tenancy(), views);
    RolloutOperations operations = new RolloutOperations(c.resources(), c.clock());
    RolloutViews rolloutViews =
        new RolloutViews(c.resources(), operations, c.authorizer(), c.clock());
    this.delivery =
        new DeliveryPages(
            c.resources(),
            c.authorizer(),
            rolloutViews,
            views,
            c.options().runtimeDir() == null ? null : c.proxyMetrics());
    this.deliveryActions = new DeliveryActions(operations, c.authorizer());
    this.slos = new SloPages(c.slo(), c.slo().queries(), c.authorizer(), c.clock(), views);
    this.anomalies = new AnomalyPages(c.anomalies(), c.backend().events(), c.authorizer(), views);
    this.clusters = new ClustersPage(kube, c.authorizer(), views);
    this.clusterActions = new ClusterActions(kube, c.authorizer());
    this.flagPages = new FlagPages(c.flags(), c.authorizer(), views);
    DeliveryFragments deliveryFragments = new DeliveryFragments(views, c.resources(), rolloutViews);
    this.events =
        new LiveEvents(
            c.resources(),
            c.authorizer(),
            c.clock(),
            c.options().watchKeepAlive(),
            new LiveFragments(views, c.clock(), deliveryFragments));
  }

  @Override
  public void routing(HttpRules rules) {
    String kind = "/resources/{group}/{version}/{plural}";
    rules
        .get("/static/{file}", guard.open(assets::serve))
        .get("/login", guard.open(login::form))
        .post("/login", guard.open(login::submit))
        .get("/logout", guard.open(login::logout))
        .post("/logout", guard.open(login::logout))
        .get("/", guard.signedIn(overview::show))
        .get("/teams", guard.signedIn(teams::show))
        .get("/resources", guard.signedIn(resourcePages::kinds))
        .get(kind, guard.signedIn(resourcePages::list))
        .get(kind + "/{name}", guard.signedIn(resourcePages::object))
        .get(kind + "/{namespace}/{name}", guard.signedIn(resourcePages::object))
        .get("/delivery", guard.signedIn(delivery::list))
        .get("/delivery/{namespace}/{name}", guard.signedIn(delivery::rollout))
        .get("/delivery/{namespace}/{name}/traffic", guard.signedIn(delivery::traffic))
        .post("/delivery/{namespace}/{name}/{action}", guard.signedIn(deliveryActions::handle))
        .get("/clusters", guard.signedIn(clusters::show))
        .post(
            "/clusters/{cluster}/{namespace}/{name}/{action}",
            guard.signedIn(clusterActions::handle))
        .get("/slos", guard.signedIn(slos::list))
        .get("/slos/{namespace}/{service}", guard.signedIn(slos::service))
        .get("/slos/{namespace}/{service}/live", guard.signedIn(slos::live))
        .get("/anomalies", guard.signedIn(anomalies::list))
        .get("/flags", guard.signedIn(flagPages::list))
        .get("/flags/{namespace}/{key}", guard.signedIn(flagPages::flag))
        .post("/flags/{namespace}/{key}/{action}", guard.signedIn(flagPages::toggle))
        .get("/portal/events", guard.signedIn(events::stream));
    for (Section s : Section.placeholders()) {
      rules.get(s.path(), guard.signedIn((req, res, who) -> placeholder(res, s, who)));
    }
  }

  private void placeholder(ServerResponse res, Section s, Principal who) {
    views.send(
        res,
        "placeholder.jte",
        Map.of("chrome", new Chrome(s.label(), s.path(), who), "section", s));
  }
}
