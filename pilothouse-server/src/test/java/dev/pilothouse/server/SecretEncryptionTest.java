package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets encrypted at rest, seen from the API, the CLI and {@code serve}. */
class SecretEncryptionTest {
  private static final String SECRETS = "/apis/core/v1/namespaces/shop/secrets";
  private static final String ENCODED =
      Base64.getEncoder().encodeToString("hunter2-api-value".getBytes(StandardCharsets.UTF_8));

  @Test
  void getAndWatchReturnThePlaintextOfAnEncryptedSecret() throws Exception {
    try (TestServer server = TestServer.startEncrypted(folder(), config("key1"))) {
      long from =
          Json.parse(server.get(SECRETS).body()).path("metadata").path("resourceVersion").asLong();
      assertThat(server.post(SECRETS, secret("db")).statusCode()).isEqualTo(201);

      assertThat(password(Json.parse(server.get(SECRETS + "/db").body()))).isEqualTo(ENCODED);
      assertThat(password(firstWatchEvent(server, from).path("object"))).isEqualTo(ENCODED);
    }
  }

  @Test
  void rotationAddsKey2ReencryptsWithTheCliAndDropsKey1() throws Exception {
    Path data = folder();
    String token;
    try (TestServer first = TestServer.startEncrypted(data, config("key1"))) {
      token = first.adminToken;
      first.post(SECRETS, secret("a"));
      first.post(SECRETS, secret("b"));
    }
    CliCall reencrypt;
    try (TestServer rotating =
        TestServer.startEncrypted(data, config("key2", "key1")).withToken(token)) {
      Map<String, String> env = cliEnv();
      assertThat(
              CliCall.run(env, "login", "--server", rotating.server.url(), "--token", token).code())
          .isZero();
      reencrypt = CliCall.run(env, "admin", "reencrypt", "secrets");
    }
    try (TestServer rotated = TestServer.startEncrypted(data, config("key2")).withToken(token)) {
      assertThat(reencrypt.code()).as(reencrypt.err()).isZero();
      assertThat(reencrypt.out()).contains("[2/2]").contains("Re-encrypted 2 secrets.");
      assertThat(password(Json.parse(rotated.get(SECRETS + "/a").body()))).isEqualTo(ENCODED);
      assertThat(password(Json.parse(rotated.get(SECRETS + "/b").body()))).isEqualTo(ENCODED);
    }
  }

  @Test
  void aSecretWhoseKeyWasRemovedIsAProblemNamingTheKey() throws Exception {
    Path data = folder();
    String token;
    try (TestServer first = TestServer.startEncrypted(data, config("key1"))) {
      token = first.adminToken;
      first.post(SECRETS, secret("db"));
    }
    try (TestServer server = TestServer.startEncrypted(data, config("key2")).withToken(token)) {
      HttpResponse<String> res = server.get(SECRETS + "/db");

      assertThat(res.statusCode()).isEqualTo(500);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(Json.parse(res.body()).path("title").asText()).isEqualTo("Encryption Key Missing");
      assertThat(Json.parse(res.body()).path("detail").asText()).contains("'key1'");
      assertThat(res.body()).doesNotContain(ENCODED);
    }
  }

  @Test
  void serveRefusesAKeyOfTheWrongLengthWithOneLineAndExitCode2() throws Exception {
    Path file = Files.createTempFile(folder(), "enc", ".yaml");
    Files.writeString(file, yaml("  - name: key1\n    secret: " + b64(7) + "\n"));

    CliCall serve =
        CliCall.run(
            cliEnv(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            folder().toString(),
            "--encryption-config",
            file.toString());

    assertThat(serve.code()).isEqualTo(2);
    assertThat(serve.err().strip().lines())
        .singleElement()
        .asString()
        .contains("resources[0].providers[0].aesgcm.keys[0].secret")
        .contains("got 7");
  }

  // ---- helpers

  private static JsonNode firstWatchEvent(TestServer server, long from) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(server.url(SECRETS + "?watch=true&resourceVersion=" + from)))
            .header("Authorization", "Bearer " + server.adminToken)
            .build();
    HttpResponse<java.io.InputStream> res =
        server.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.contains("\"ADDED\"")) {
          return Json.parse(line);
        }
      }
    }
    throw new AssertionError("watch ended without an event");
  }

  private static String secret(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"data\":{\"password\":\""
        + ENCODED
        + "\"}}";
  }

  private static String password(JsonNode secret) {
    return secret.path("data").path("password").asText();
  }

  /** A config file with one aesgcm provider holding the named keys (each its own fixed bytes). */
  private static Path config(String... names) throws Exception {
    StringBuilder keys = new StringBuilder();
    for (String name : names) {
      keys.append("  - name: ")
          .append(name)
          .append("\n    secret: ")
          .append(b64(32, name))
          .append('\n');
    }
    Path file = Files.createTempFile(folder(), "enc", ".yaml");
    Files.writeString(file, yaml(keys.toString()));
    return file;
  }

  private static String yaml(String keys) {
    return """
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
    - resources: [secrets]
      providers:
      - aesgcm:
          keys:
    """
        + keys.indent(4)
        + "  - identity: {}\n";
  }

  private static String b64(int length) {
    return b64(length, "x");
  }

  private static String b64(int length, String seed) {
    byte[] k = new byte[length];
    Arrays.fill(k, (byte) seed.hashCode());
    return Base64.getEncoder().encodeToString(k);
  }

  private static Map<String, String> cliEnv() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PILOTHOUSE_CONFIG", folder().resolve("config").toString());
    return env;
  }

  private static Path folder() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    return Files.createTempDirectory(base.toAbsolutePath(), "secrets-");
  }
}
