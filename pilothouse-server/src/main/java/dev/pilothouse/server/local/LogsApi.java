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
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log[?tailLines=N]}: a local pod's output (stdout
 * and stderr, with Pilothouse's own start/stop lines), as {@code {"pod", "lines": [...]}}.
 */
public final class LogsApi implements HttpService {
  private static final int DEFAULT_TAIL = 100;
  private static final int MAX_TAIL = 10_000;

  private final Authenticator auth;
  private final Authorizer authorizer;
  private final Supplier<Optional<LocalRuntime>> runtime;

  /** Creates the API over the runtime, if the server runs one. */
  public LogsApi(
      Authenticator auth, Authorizer authorizer, Supplier<Optional<LocalRuntime>> runtime) {
    this.auth = auth;
    this.authorizer = authorizer;
    this.runtime = runtime;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/namespaces/{namespace}/pods/{name}/log", this::log);
  }

  private void log(ServerRequest req, ServerResponse res) {
    Principal p = auth.require(req);
    String namespace = req.path().pathParameters().get("namespace");
    authorizer.require(p, Access.READ, namespace);
    String name = req.path().pathParameters().get("name");
    int tail = tail(req.query().first("tailLines").orElse(Integer.toString(DEFAULT_TAIL)));
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
    ObjectNode body = Json.object().put("pod", name).put("namespace", namespace);
    ArrayNode lines = body.putArray("lines");
    lastLines(file, tail).forEach(lines::add);
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

  private static Deque<String> lastLines(Path file, int n) {
    Deque<String> last = new ArrayDeque<>(n);
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        if (last.size() == n) {
          last.removeFirst();
        }
        last.addLast(line);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      // a malformed byte sequence: the process wrote something that is not UTF-8
      last.addLast("(log is not valid UTF-8 from here on)");
    }
    return last;
  }
}
