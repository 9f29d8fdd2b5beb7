package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.flags.FlagOperations;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flags section: the flags of one environment (state, default, variants, targeting) with an
 * enable/disable button each, and one flag's page with its history. The buttons are forms that POST
 * and redirect back (POST-redirect-GET), so the page works without JavaScript; the session cookie
 * is SameSite=Strict, so other sites cannot post them.
 */
final class FlagPages {
  private static final Map<String, String> NOTICES =
      Map.of("enable", "Enabled.", "disable", "Disabled: clients get their code default.");

  private final FlagOperations flags;
  private final Authorizer authorizer;
  private final Views views;

  FlagPages(FlagOperations flags, Authorizer authorizer, Views views) {
    this.flags = flags;
    this.authorizer = authorizer;
    this.views = views;
  }

  /** GET /flags[?environment=NS]. */
  void list(ServerRequest req, ServerResponse res, Principal who) {
    List<String> environments =
        flags.environments().stream()
            .filter(ns -> authorizer.allows(who, Access.READ, ns))
            .toList();
    String environment =
        req.query()
            .first("environment")
            .orElse(environments.isEmpty() ? "default" : environments.getFirst());
    authorizer.require(who, Access.READ, environment);
    boolean canWrite = authorizer.allows(who, Access.WRITE, environment);
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome("Flags", "/flags", who));
    params.put("environments", environments);
    params.put("environment", environment);
    params.put("rows", flags.list(environment).stream().map(f -> FlagRow.of(f, canWrite)).toList());
    params.put("notice", NOTICES.get(req.query().first("done").orElse("")));
    views.send(res, "flags.jte", params);
  }

  /** GET /flags/{namespace}/{key}. */
  void flag(ServerRequest req, ServerResponse res, Principal who) {
    var path = req.path().pathParameters();
    String environment = path.get("namespace");
    authorizer.require(who, Access.READ, environment);
    FlagRow row =
        FlagRow.of(
            flags.get(environment, path.get("key")),
            authorizer.allows(who, Access.WRITE, environment));
    Map<String, Object> params = new HashMap<>();
    params.put("chrome", new Chrome(row.key() + " · Flags", "/flags", who));
    params.put("row", row);
    params.put(
        "history",
        flags.history(row.key(), environment, 50).stream().map(FlagHistoryRow::of).toList());
    params.put("notice", NOTICES.get(req.query().first("done").orElse("")));
    views.send(res, "flag.jte", params);
  }

  /** POST /flags/{namespace}/{key}/{action}: enable or disable, then back to the flag's page. */
  void toggle(ServerRequest req, ServerResponse res, Principal who) {
    var path = req.path().pathParameters();
    String environment = path.get("namespace");
    String action = path.get("action");
    if (!NOTICES.containsKey(action)) {
      throw new NotFoundException("unknown flag action '" + action + "'");
    }
    authorizer.require(who, Access.WRITE, environment);
    var flag =
        flags.setState(
            environment, path.get("key"), action.equals("enable"), new Actor(who.user()));
    Views.redirect(res, FlagRow.of(flag, true).href() + "?done=" + action);
  }
}
