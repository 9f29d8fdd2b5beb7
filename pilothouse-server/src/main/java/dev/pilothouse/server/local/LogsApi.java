package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log[?tailLines=N]}: a local pod's output (stdout
 * and stderr, with Pilothouse's own start/stop lines), as {@code {"pod", "lines": [...]}}. With
 * {@code follow=true} it is streamed as plain text instead: the last lines, then every line the pod
 * writes, across restarts of its process (they append to the same file), until the client goes away
 * or the stream reaches its maximum duration. The {@code Pilothouse-Log-Offset} response header
 * gives the byte offset in the log where the stream starts, so a client that reconnects with {@code
 * fromByte} misses nothing and repeats nothing.
 */
public final class LogsApi implements HttpService {
  /** The response header with the log's byte offset where a followed stream starts. */
  public static final String OFFSET_HEADER = "Pilothouse-Log-Offset";

  private static final int DEFAULT_TAIL = 100;
  private static final int MAX_TAIL = 10_000;
  private static final Duration POLL = Duration.ofMillis(100);

  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Supplier<Optional<LocalRuntime>> runtime;
  private final Clock clock;
  private final Duration maxFollow;

  /** Creates the API over the runtime, if the server runs one; follows end after 30 minutes. */
  public LogsApi(
      Authenticator auth, Authorizer authorizer, Supplier<Optional<LocalRuntime>> runtime) {
    this(auth, authorizer, runtime, Clock.systemUTC(), Duration.ofMinutes(30));
  }

  /** Creates the API with the longest a followed stream stays open. */
  public LogsApi(
      Authenticator auth,
      Authorizer authorizer,
      Supplier<Optional<LocalRuntime>> runtime,
      Clock clock,
      Duration maxFollow) {
    this.auth = auth;
    this.authorizer = authorizer;
    this.runtime = runtime;
    this.clock = clock;
    this.maxFollow = maxFollow;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/namespaces/{namespace}/pods/{name}/log", this::log);
  }

  private void log(ServerRequest req, ServerResponse res) throws Exception {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.READ, namespace);
    String name = req.path().pathParameters().get("name");
    int tail = tail(req.query().first("tailLines").orElse(Integer.toString(DEFAULT_TAIL)));
    boolean follow = flag("follow", req.query().first("follow").orElse("false"));
    Optional<Long> fromByte = req.query().first("fromByte").map(LogsApi::fromByte);
    LocalRuntime local =
        runtime
            .get()
            .orElseThrow(() ->
                new NotFoundException(
                    "pod logs exist only with the local runtime (serve --runtime local)"));
    Path file =
        local
            .logFile(namespace, name)
            .orElseThrow(() -> new NotFoundException("no logs for pod " + namespace + "/" + name));
    long start = fromByte.orElseGet(() -> PodLogFile.tailOffset(file, tail));
    if (follow) {
      res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      res.header(OFFSET_HEADER, Long.toString(start));
      try (OutputStream out = res.outputStream()) {
        out.flush();
        PodLogFile.follow(
            file, start, out, POLL, clock, clock.instant().plus(maxFollow), local::running);
      } catch (IOException e) {
        // the client went away
      }
      return;
    }
    ObjectNode body = Json.object().put("pod", name).put("namespace", namespace);
    ArrayNode lines = body.putArray("lines");
    PodLogFile.linesFrom(file, start).forEach(lines::add);
    Responses.json(res, body);
  }

  private static int tail(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_TAIL) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of(
        "tailLines", "must be a whole number from 1 to " + MAX_TAIL + ", not '" + text + "'");
  }

  private static long fromByte(String text) {
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ValidationException.of(
        "fromByte", "must be a byte offset (a whole number, 0 or more), not '" + text + "'");
  }

  private static boolean flag(String name, String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ValidationException.of(name, "must be true or false, not '" + text + "'");
    };
  }
}
