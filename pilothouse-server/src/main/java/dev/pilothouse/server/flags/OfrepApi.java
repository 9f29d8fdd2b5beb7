package dev.pilothouse.server.flags;

import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.flags.Evaluation;
import dev.pilothouse.core.flags.FlagSet;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenFeature Remote Evaluation Protocol, served under {@code /ofrep/v1}: {@code POST
 * /evaluate/flags/{key}} and bulk {@code POST /evaluate/flags} (with ETag / If-None-Match). The
 * environment is a namespace, chosen by {@code ?environment=} or the {@code
 * X-Pilothouse-Environment} header ({@code default} otherwise); the caller needs read access to it.
 */
public final class OfrepApi implements HttpService {
  /** Header naming the environment (namespace) whose flags to evaluate. */
  public static final String ENVIRONMENT_HEADER = "X-Pilothouse-Environment";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final EnvironmentFlags flags;
  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Bodies bodies;
  private final Clock clock;

  /** Creates the endpoints. */
  public OfrepApi(
      ResourceService resources,
      Authenticator auth,
      Authorizer authorizer,
      Bodies bodies,
      Clock clock) {
    this.flags = new EnvironmentFlags(resources, clock);
    this.auth = auth;
    this.authorizer = authorizer;
    this.bodies = bodies;
    this.clock = clock;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post("/evaluate/flags/{key}", this::single).post("/evaluate/flags", this::bulk);
  }

  private void single(ServerRequest req, ServerResponse res) {
    String namespace = authorize(req);
    String key = req.path().pathParameters().get("key");
    OfrepRequest body = OfrepRequest.parse(bodies.bytes(req));
    if (body.failed()) {
      Responses.json(res, 400, OfrepBodies.failure(key, body.error(), body.errorDetails()));
      return;
    }
    FlagSet set = flags.snapshot(namespace).flags();
    Evaluation e = set.evaluate(key, body.context(), clock.instant());
    Responses.json(res, OfrepBodies.status(e), OfrepBodies.of(key, e));
  }

  private void bulk(ServerRequest req, ServerResponse res) {
    String namespace = authorize(req);
    OfrepRequest body = OfrepRequest.parse(bodies.bytes(req));
    if (body.failed()) {
      Responses.json(res, 400, OfrepBodies.failure(null, body.error(), body.errorDetails()));
      return;
    }
    EnvironmentFlags.Snapshot snapshot = flags.snapshot(namespace);
    // The results depend on the flag sets, the context and (through $flagd.timestamp) the time;
    // the ETag covers the first two, as flagd's does.
    String etag = "\"" + EnvironmentFlags.digest(snapshot.version() + body.contextKey()) + "\"";
    res.header(HeaderNames.ETAG, etag);
    if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(etag::equals).orElse(false)) {
      res.status(Status.NOT_MODIFIED_304).send();
      return;
    }
    Instant now = clock.instant();
    List<Map<String, Object>> results = new ArrayList<>();
    for (String key : snapshot.flags().keys()) {
      results.add(OfrepBodies.of(key, snapshot.flags().evaluate(key, body.context(), now)));
    }
    Responses.json(res, Map.of("flags", results));
  }

  /** The environment of the request, after checking the caller may read it. */
  private String authorize(ServerRequest req) {
    var principal = auth.require(req);
    String namespace =
        req.query()
            .first("environment")
            .or(() -> req.headers().first(HeaderNames.create(ENVIRONMENT_HEADER)))
            .orElse("default");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw ValidationException.of("environment", "must be a namespace name");
    }
    authorizer.require(principal, Access.READ, namespace);
    return namespace;
  }
}
