package dev.pilothouse.server;

import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.tenancy.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A real server on a loopback port over embedded PostgreSQL in a fresh data folder, plus a small
 * HTTP client for tests.
 */
final class TestServer implements AutoCloseable {
  final PilothouseServer server;
  final String adminToken;
  final Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(PilothouseServer server, String adminToken, Path dataDir) {
    this.server = server;
    this.adminToken = adminToken;
    this.dataDir = dataDir;
  }

  /** Starts on a new data folder under target/. */
  static TestServer start() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    return start(Files.createTempDirectory(base.toAbsolutePath(), "server-"));
  }

  /** Starts on the given data folder (restarts keep its data). */
  static TestServer start(Path dataDir) {
    return start(dataDir, ServerOptions.defaults().withPort(0));
  }

  /** Starts on a new data folder with the given options. */
  static TestServer start(ServerOptions options) throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    return start(Files.createTempDirectory(base.toAbsolutePath(), "server-"), options);
  }

  /** Starts with the local runtime (pods as processes, the proxy) on a new data folder. */
  static TestServer startLocal() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    return startLocal(Files.createTempDirectory(base.toAbsolutePath(), "local-"));
  }

  /** Starts with the local runtime on the given data folder (restarts adopt its pods). */
  static TestServer startLocal(Path dataDir) {
    return start(
        dataDir, ServerOptions.defaults().withPort(0).withLocalRuntime(dataDir.resolve("pods")));
  }

  private static TestServer start(Path dataDir, ServerOptions options) {
    return start(dataDir, options, dev.pilothouse.store.encryption.StorageEncryption.none());
  }

  /** Starts on the given data folder, encrypting at rest as the given config file says. */
  static TestServer startEncrypted(Path dataDir, Path encryptionConfig) {
    return start(
        dataDir, ServerOptions.defaults().withPort(0), EncryptionSetup.load(encryptionConfig));
  }

  private static TestServer start(
      Path dataDir,
      ServerOptions options,
      dev.pilothouse.store.encryption.StorageEncryption encryption) {
    Backend backend = PostgresBackend.open(Optional.empty(), dataDir, encryption);
    String token = Bootstrap.ensureAdmin(backend.tenancy()).orElse(null);
    PilothouseServer server = PilothouseServer.start(options, backend, Clock.systemUTC());
    return new TestServer(server, token, dataDir);
  }

  /** Wraps a server started by the test itself (e.g. over its own database). */
  static TestServer of(PilothouseServer server, String adminToken, Path dataDir) {
    return new TestServer(server, adminToken, dataDir);
  }

  /** Tokens survive restarts: a restarted server keeps the first run's admin token. */
  TestServer withToken(String token) {
    return new TestServer(server, token, dataDir);
  }

  /** Creates a user with a token and returns the token. */
  String userToken(String user, boolean platformAdmin) {
    var tenancy = server.context().backend().tenancy();
    tenancy.createUser(user, platformAdmin, Actor.SYSTEM);
    String secret = Tokens.newSecret();
    tenancy.createToken(user, "test", Tokens.hash(secret), Actor.SYSTEM);
    return secret;
  }

  String url(String path) {
    return server.url() + path;
  }

  HttpResponse<String> send(
      String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, adminToken, null, null);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, adminToken, "application/json", json);
  }

  HttpClient client() {
    return http;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
