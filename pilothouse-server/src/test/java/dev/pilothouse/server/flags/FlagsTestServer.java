package dev.pilothouse.server.flags;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.server.Bootstrap;
import dev.pilothouse.server.PilothouseServer;
import dev.pilothouse.server.PostgresBackend;
import dev.pilothouse.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A real server over embedded PostgreSQL with flag sets, for the OFREP tests. */
final class FlagsTestServer implements AutoCloseable {
  final PilothouseServer server;
  final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private FlagsTestServer(PilothouseServer server, String token) {
    this.server = server;
    this.token = token;
  }

  static FlagsTestServer start() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base.toAbsolutePath(), "flags-");
    var backend = PostgresBackend.open(Optional.empty(), dir);
    String token = Bootstrap.ensureAdmin(backend.tenancy()).orElseThrow();
    var server =
        PilothouseServer.start(ServerOptions.defaults().withPort(0), backend, Clock.systemUTC());
    return new FlagsTestServer(server, token);
  }

  /** Stores a FeatureFlagSet; the spec is JSON with ' for ". */
  HttpResponse<String> putFlagSet(String namespace, String name, String spec) throws Exception {
    String doc =
        Json.write(
            Map.of(
                "apiVersion",
                "pilothouse.dev/v1alpha1",
                "kind",
                "FeatureFlagSet",
                "metadata",
                Map.of("name", name),
                "spec",
                Json.parse(spec.replace('\'', '"'))));
    return send(
        "/apis/pilothouse.dev/v1alpha1/namespaces/" + namespace + "/featureflagsets",
        Map.of("Authorization", "Bearer " + token),
        doc);
  }

  HttpResponse<String> send(String path, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Any request with the admin's bearer token; a null body sends none. */
  HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs to an OFREP path with the bearer token. */
  HttpResponse<String> ofrep(String path, String body) throws Exception {
    return send(path, Map.of("Authorization", "Bearer " + token), body);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
