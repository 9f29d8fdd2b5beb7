package dev.pilothouse.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.server.http.Responses;
import dev.pilothouse.server.observe.ServerMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness, readiness, metrics and kind discovery: the endpoints that need no token. */
public final class SystemApi implements HttpService {
  private final KindRegistry kinds;
  private final ServerMetrics metrics;
  private final BooleanSupplier ready;

  /** Creates the endpoints. */
  public SystemApi(KindRegistry kinds, ServerMetrics metrics, BooleanSupplier ready) {
    this.kinds = kinds;
    this.metrics = metrics;
    this.ready = ready;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/healthz", (req, res) -> Responses.json(res, Map.of("status", "ok")))
        .get("/readyz", this::readyz)
        .get("/metrics", this::metrics)
        .get("/api/v1/kinds", this::kinds);
  }

  private void readyz(ServerRequest req, ServerResponse res) {
    boolean ok = ready.getAsBoolean();
    Responses.json(res, ok ? 200 : 503, Map.of("status", ok ? "ready" : "database unavailable"));
  }

  private void metrics(ServerRequest req, ServerResponse res) throws Exception {
    res.header(HeaderNames.CONTENT_TYPE, metrics.contentType());
    try (OutputStream out = res.outputStream()) {
      metrics.write(out);
    }
  }

  private void kinds(ServerRequest req, ServerResponse res) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    kinds.kinds().stream()
        .sorted(Comparator.comparing(KindInfo::group).thenComparing(KindInfo::kind))
        .forEach(k ->
            items
                .addObject()
                .put("group", k.group())
                .put("version", k.version())
                .put("kind", k.kind())
                .put("plural", k.plural())
                .put("namespaced", k.namespaced())
                .put("statusSubresource", k.statusSubresource()));
    Responses.json(res, body);
  }
}
