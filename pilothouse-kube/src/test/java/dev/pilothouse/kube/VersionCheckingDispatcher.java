package dev.pilothouse.kube;

import dev.pilothouse.core.json.Json;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fabric8 CRUD dispatcher with two things a real API server does that the mock does not: a
 * status PUT whose resourceVersion is stale is refused with 409 Conflict, and writes are serialised
 * so the check and the write are atomic. Tests can also force the next status writes to conflict
 * ({@link #conflictNextStatusWrites}).
 */
final class VersionCheckingDispatcher extends KubernetesCrudDispatcher {
  private final AtomicInteger forcedConflicts = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();

  VersionCheckingDispatcher() {
    super(List.of());
  }

  void conflictNextStatusWrites(int n) {
    forcedConflicts.set(n);
  }

  @Override
  public synchronized MockResponse handleUpdate(RecordedRequest request) {
    String path = request.getPath();
    // Reading the body consumes it: hand the dispatcher a copy.
    byte[] body = request.getUtf8Body().getBytes(StandardCharsets.UTF_8);
    request =
        new RecordedRequest(
            request.getHttpVersion(),
            request.method(),
            path,
            request.getHeaders(),
            new io.fabric8.mockwebserver.http.Buffer(body));
    if (path.contains("/status")) {
      String objectPath = path.substring(0, path.indexOf("/status"));
      MockResponse current = handleGet(objectPath);
      if (current.code() == 200) {
        String stored =
            Json.parse(current.getBody().getBytes())
                .path("metadata")
                .path("resourceVersion")
                .asText();
        String sent = Json.parse(body).path("metadata").path("resourceVersion").asText("");
        boolean forced = forcedConflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (forced || (!sent.isEmpty() && !sent.equals(stored))) {
          conflicts.incrementAndGet();
          return new MockResponse()
              .setResponseCode(409)
              .setBody(
                  "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
                      + "\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been"
                      + " modified; please apply your changes to the latest version\"}");
        }
      }
    }
    return super.handleUpdate(request);
  }

  @Override
  public synchronized MockResponse handleCreate(RecordedRequest request) {
    return super.handleCreate(request);
  }

  @Override
  public synchronized MockResponse handlePatch(RecordedRequest request) {
    return super.handlePatch(request);
  }

  @Override
  public synchronized MockResponse handleDelete(String path) {
    return super.handleDelete(path);
  }
}
