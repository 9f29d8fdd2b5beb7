package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.slo.PromDuration;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.core.slo.SloResources;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.slo.PrometheusQueries;
import dev.pilothouse.server.slo.SloBudgetService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /slos}: every SLO the user may read with its live budget; {@code
 * /slos/{namespace}/{service}}: one service's SLOs, each with a budget burn-down chart (the
 * remaining budget over {@code ?range=}, default 6h) and its four burn-rate conditions; the panels
 * refresh every 10 s through htmx ({@code /slos/{namespace}/{service}/live}).
 */
final class SloPages {
  private static final int CHART_POINTS = 120;

  private final SloBudgetService budgets;
  private final PrometheusQueries prometheus;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Views views;

  SloPages(
      SloBudgetService budgets,
      PrometheusQueries prometheus,
      Authorizer authorizer,
      Clock clock,
      Views views) {
    this.budgets = budgets;
    this.prometheus = prometheus;
    this.authorizer = authorizer;
    this.clock = clock;
    this.views = views;
  }

  void list(ServerRequest req, ServerResponse res, Principal who) {
    List<SloResources.Stored> slos =
        budgets.catalog(null).slos().stream()
            .filter(s -> authorizer.allows(who, Access.READ, s.namespace()))
            .toList();
    String problem = "";
    List<SloViews.Row> rows = new ArrayList<>();
    try {
      budgets.budgets(slos, null).forEach(b -> rows.add(SloViews.row(b)));
    } catch (UnavailableException e) {
      problem = e.getMessage();
      slos.forEach(s ->
          rows.add(
              SloViews.row(
                  new SloBudget(s, Map.of(), Map.of(), null, List.of(), SloBudget.State.NoData))));
    }
    views.send(
        res,
        "slos.jte",
        Map.of("chrome", new Chrome("SLOs", "/slos", who), "rows", rows, "problem", problem));
  }

  void service(ServerRequest req, ServerResponse res, Principal who) {
    String namespace = req.path().pathParameters().get("namespace");
    String service = req.path().pathParameters().get("service");
    authorizer.require(who, Access.READ, namespace);
    Map<String, Object> params = panels(req, namespace, service);
    params.put("chrome", new Chrome(service + " SLOs", "/slos", who));
    views.send(res, "sloService.jte", params);
  }

  void live(ServerRequest req, ServerResponse res, Principal who) {
    String namespace = req.path().pathParameters().get("namespace");
    String service = req.path().pathParameters().get("service");
    authorizer.require(who, Access.READ, namespace);
    views.send(res, "sloPanels.jte", panels(req, namespace, service));
  }

  private Map<String, Object> panels(ServerRequest req, String namespace, String service) {
    String rangeText = req.query().first("range").orElse("6h");
    Duration range = PromDuration.parse(rangeText).orElse(Duration.ofHours(6));
    List<SloViews.Panel> panels = new ArrayList<>();
    String problem = "";
    try {
      List<SloBudget> measured = budgets.budgets(namespace, service, null);
      Map<String, List<PrometheusQueries.Point>> history = history(namespace, service, range);
      measured.forEach(b ->
          panels.add(
              SloViews.panel(
                  b,
                  history.getOrDefault(b.slo().slo().name(), List.of()),
                  PromDuration.format(range))));
    } catch (UnavailableException e) {
      problem = e.getMessage();
    }
    Map<String, Object> params = new HashMap<>();
    params.put("namespace", namespace);
    params.put("service", service);
    params.put("range", PromDuration.format(range));
    params.put("panels", panels);
    params.put("problem", problem);
    return params;
  }

  /** The remaining budget of every SLO of the service, one range query for all of them. */
  private Map<String, List<PrometheusQueries.Point>> history(
      String namespace, String service, Duration range) {
    if (!budgets.configured() || budgets.catalog(namespace).slos().isEmpty()) {
      return Map.of();
    }
    // Rounded up: the range API takes whole seconds, and a truncated end could fall just before
    // the first sample of a series that has only started.
    Instant end = clock.instant().plusSeconds(1);
    String query =
        "slo:period_error_budget_remaining:ratio{sloth_service=\""
            + service.replace("\"", "")
            + "\"}";
    Map<String, List<PrometheusQueries.Point>> out = new HashMap<>();
    for (var series :
        prometheus.range(
            budgets.address(),
            query,
            end.minus(range),
            end,
            Duration.ofSeconds(Math.max(1, range.toSeconds() / CHART_POINTS)))) {
      out.put(series.labels().getOrDefault("sloth_slo", ""), series.points());
    }
    return out;
  }
}
