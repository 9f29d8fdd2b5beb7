package dev.pilothouse.server.slo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.slo.RuleFiles;
import dev.pilothouse.core.slo.RuleGroup;
import dev.pilothouse.core.slo.SloResources;
import dev.pilothouse.core.slo.SloRules;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * The SLO endpoints under {@code /api/v1}:
 *
 * <ul>
 *   <li>{@code GET /slos?namespace=}: the stored SLOs (from {@code PrometheusServiceLevel} and
 *       OpenSLO {@code SLO} resources) and the resources that do not resolve;
 *   <li>{@code GET /slo/status?namespace=&service=}: live budgets from Prometheus;
 *   <li>{@code GET /slo/rules?namespace=&format=prometheus|prometheusrule}: the generated rules of
 *       the stored SLOs, as YAML to load into Prometheus.
 * </ul>
 *
 * Without a namespace only platform admins may read, as SLOs span teams.
 */
public final class SloApi implements HttpService {
  private final SloBudgetService budgets;
  private final Authenticator auth;
  private final Authorizer authorizer;

  /** Creates the endpoints. */
  public SloApi(SloBudgetService budgets, Authenticator auth, Authorizer authorizer) {
    this.budgets = budgets;
    this.auth = auth;
    this.authorizer = authorizer;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/slos", this::list).get("/slo/status", this::status).get("/slo/rules", this::rules);
  }

  private String namespace(ServerRequest req) {
    Principal p = auth.require(req);
    String namespace = req.query().first("namespace").orElse(null);
    if (namespace == null) {
      authorizer.requirePlatformAdmin(p);
    } else {
      authorizer.require(p, Access.READ, namespace);
    }
    return namespace;
  }

  private void list(ServerRequest req, ServerResponse res) {
    SloResources.Catalog catalog = budgets.catalog(namespace(req));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    catalog.slos().forEach(s -> items.add(SloJson.slo(s)));
    ArrayNode problems = out.putArray("problems");
    catalog
        .problems()
        .forEach(p -> problems.addObject().put("field", p.field()).put("message", p.message()));
    Responses.json(res, out);
  }

  private void status(ServerRequest req, ServerResponse res) {
    String namespace = namespace(req);
    String service = req.query().first("service").orElse(null);
    ObjectNode out = Json.object();
    out.put("prometheus", budgets.address());
    ArrayNode items = out.putArray("items");
    budgets.budgets(namespace, service, null).forEach(b -> items.add(SloJson.budget(b)));
    Responses.json(res, out);
  }

  private void rules(ServerRequest req, ServerResponse res) {
    String namespace = namespace(req);
    String format = req.query().first("format").orElse("prometheus");
    List<RuleGroup> groups =
        SloRules.generate(
            budgets.catalog(namespace).slos().stream().map(SloResources.Stored::slo).toList());
    String yaml =
        switch (format) {
          case "prometheus" -> RuleFiles.ruleFileYaml(groups);
          case "prometheusrule" ->
              RuleFiles.yaml(
                  RuleFiles.prometheusRule(
                      "pilothouse-slos", namespace == null ? "" : namespace, Map.of(), groups));
          default -> throw ValidationException.of("format", "must be prometheus or prometheusrule");
        };
    res.headers().set(HeaderNames.CONTENT_TYPE, "application/yaml");
    res.send(yaml);
  }
}
