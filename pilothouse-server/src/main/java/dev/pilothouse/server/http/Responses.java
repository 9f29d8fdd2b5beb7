package dev.pilothouse.server.http;

import dev.pilothouse.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writing JSON and problem responses. */
public final class Responses {
  private Responses() {}

  /** Sends a value as JSON with status 200. */
  public static void json(ServerResponse res, Object value) {
    json(res, 200, value);
  }

  /** Sends a value as JSON with the given status. */
  public static void json(ServerResponse res, int status, Object value) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(Json.writeBytes(value));
  }

  /** Sends a problem document. */
  public static void problem(ServerResponse res, Problems.Problem problem) {
    res.status(Status.create(problem.status()));
    res.header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE);
    res.send(Json.writeBytes(problem.body()));
  }
}
