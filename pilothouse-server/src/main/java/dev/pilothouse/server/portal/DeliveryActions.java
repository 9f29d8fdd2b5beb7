package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.server.delivery.RolloutOperations;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * POST /delivery/{namespace}/{name}/{action}: the rollout page's buttons (promote, promote-full,
 * abort, retry, pause, resume). Each needs write access to the namespace; the session cookie is
 * SameSite=Strict, so other sites cannot post these forms. After the change the browser is sent
 * back to the rollout's page (POST-redirect-GET), which then follows the rollout live.
 */
final class DeliveryActions {
  private static final Map<String, String> NOTICES =
      Map.of(
          "promote", "Promoted: the rollout moves past its current step.",
          "promote-full", "Fully promoted: the remaining steps are skipped.",
          "abort", "Aborted: traffic goes back to the stable revision.",
          "retry", "Retrying: the steps start again from the first.",
          "pause", "Paused: the rollout holds until resumed.",
          "resume", "Resumed.");

  private final RolloutOperations operations;
  private final Authorizer authorizer;

  DeliveryActions(RolloutOperations operations, Authorizer authorizer) {
    this.operations = operations;
    this.authorizer = authorizer;
  }

  /**
   * A button's target: the rollout and the action, from a path {@code
   * .../{namespace}/{name}/{action}}.
   */
  record Target(String namespace, String name, String action) {}

  /**
   * Reads the target of a button's POST; an action not in {@code notices} is not found, and the
   * user must be allowed to write the namespace.
   */
  static Target target(
      ServerRequest req, Map<String, String> notices, Authorizer authorizer, Principal who) {
    var path = req.path().pathParameters();
    Target t = new Target(path.get("namespace"), path.get("name"), path.get("action"));
    if (!notices.containsKey(t.action())) {
      throw new NotFoundException("unknown rollout action '" + t.action() + "'");
    }
    authorizer.require(who, Access.WRITE, t.namespace());
    return t;
  }

  void handle(ServerRequest req, ServerResponse res, Principal who) {
    Target t = target(req, NOTICES, authorizer, who);
    String namespace = t.namespace();
    String name = t.name();
    String action = t.action();
    Actor actor = new Actor(who.user());
    switch (action) {
      case "promote" -> operations.promote(namespace, name, false, actor);
      case "promote-full" -> operations.promote(namespace, name, true, actor);
      case "abort" -> operations.abort(namespace, name, actor);
      case "retry" -> operations.retry(namespace, name, actor);
      case "pause" -> operations.paused(namespace, name, true, actor);
      default -> operations.paused(namespace, name, false, actor);
    }
    Views.redirect(res, RolloutRow.detailUrl(namespace, name) + "?done=" + action);
  }

  /** The confirmation shown after an action; null for none (or a made-up one). */
  static String notice(String action) {
    return NOTICES.get(action);
  }
}
