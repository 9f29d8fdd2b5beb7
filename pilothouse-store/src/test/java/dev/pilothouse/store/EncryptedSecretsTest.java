package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.EncryptionKeyMissingException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.store.encryption.EncryptionConfigParser;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secrets encrypted at rest on the real embedded PostgreSQL, checked in the raw rows. */
class EncryptedSecretsTest {
  private static final String KEY1 = "key1: " + key(1);
  private static final String KEY2 = "key2: " + key(2);
  private static final Actor ALICE = new Actor("alice");
  private static final String VALUE = "hunter2-s3cr3t-value";
  private static final String ENCODED =
      Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));

  private final List<PostgresResourceStore> opened = new ArrayList<>();

  @BeforeEach
  void empty() {
    TestPostgres.truncate();
  }

  @AfterEach
  void close() {
    opened.forEach(PostgresResourceStore::close);
  }

  @Test
  void theObjectEventAndAuditRowsOfASecretHoldNoPlaintext() throws Exception {
    PostgresResourceStore store = open(aesgcm(KEY1));
    Resource created = store.create(key("db"), secret("db"), ALICE);
    store.update(key("db"), created.resourceVersion(), secret("db"), ALICE);
    Resource other = store.create(key("gone"), secret("gone"), ALICE);
    store.delete(key("gone"), other.resourceVersion(), ALICE);

    String raw = rawRows();
    assertThat(raw).contains("k8s:enc:aesgcm:v1:key1:");
    assertThat(raw).doesNotContain(VALUE).doesNotContain(ENCODED).doesNotContain("stringValue");
  }

  @Test
  void getListAndWatchReturnThePlaintext() throws Exception {
    PostgresResourceStore writer = open(aesgcm(KEY1));
    long before = writer.currentVersion();
    writer.create(key("db"), secret("db"), ALICE);
    PostgresResourceStore reader = open(aesgcm(KEY1)); // cold cache: reads the rows

    assertThat(password(reader.get(key("db")).orElseThrow())).isEqualTo(ENCODED);
    assertThat(reader.list(secrets()).items())
        .singleElement()
        .satisfies(s -> {
          assertThat(password(s)).isEqualTo(ENCODED);
          assertThat(s.resourceVersion()).isPositive();
        });
    try (Watch watch = reader.watch(secrets(), before)) {
      WatchEvent event = watch.next(Duration.ofSeconds(10));
      assertThat(password(event.object())).isEqualTo(ENCODED);
    }
  }

  @Test
  void rotationAddsKey2FirstRewritesEverySecretThenDropsKey1() throws Exception {
    open(aesgcm(KEY1)).create(key("db"), secret("db"), ALICE);

    PostgresResourceStore rotating = open(aesgcm(KEY2, KEY1));
    Resource current = rotating.get(key("db")).orElseThrow();
    rotating.update(key("db"), current.resourceVersion(), current, ALICE); // what reencrypt does
    assertThat(rawObjectRows()).contains("k8s:enc:aesgcm:v1:key2:").doesNotContain(":key1:");

    PostgresResourceStore rotated = open(aesgcm(KEY2));
    assertThat(password(rotated.get(key("db")).orElseThrow())).isEqualTo(ENCODED);
  }

  @Test
  void anIdentityFirstConfigReadsOlderEncryptedRowsAndWritesPlaintext() throws Exception {
    open(aesgcm(KEY1)).create(key("old"), secret("old"), ALICE);

    PostgresResourceStore decrypting = open(config("- identity: {}\n" + provider(KEY1)));
    decrypting.create(key("new"), secret("new"), ALICE);

    assertThat(password(decrypting.get(key("old")).orElseThrow())).isEqualTo(ENCODED);
    assertThat(rawObjectRows()).contains(ENCODED).contains(":key1:");
  }

  @Test
  void aSecretWhoseKeyIsNotConfiguredFailsNamingTheKeyAndIsLeftAsStored() throws Exception {
    open(aesgcm(KEY1)).create(key("db"), secret("db"), ALICE);
    String stored = rawObjectRows();

    PostgresResourceStore store = open(aesgcm(KEY2));
    assertThatThrownBy(() -> store.get(key("db")))
        .isInstanceOf(EncryptionKeyMissingException.class)
        .hasMessageContaining("'key1'")
        .hasMessageNotContaining(ENCODED);
    assertThatThrownBy(() -> open(StorageEncryption.none()).get(key("db")))
        .isInstanceOf(EncryptionKeyMissingException.class)
        .hasMessageContaining("'key1'");
    assertThat(rawObjectRows()).isEqualTo(stored);
  }

  @Test
  void otherKindsAreStoredAsBefore() throws Exception {
    PostgresResourceStore store = open(aesgcm(KEY1));
    ObjectNode doc = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
    doc.putObject("metadata").put("name", "cfg").put("namespace", "shop");
    doc.putObject("data").put("color", "plain-teal");
    store.create(new ResourceKey("", "ConfigMap", "shop", "cfg"), Resource.of(doc), ALICE);

    assertThat(rawRows()).contains("plain-teal");
  }

  // ---- helpers

  private PostgresResourceStore open(StorageEncryption encryption) {
    PostgresResourceStore s =
        new PostgresResourceStore(
            TestPostgres.database(), Clock.systemUTC(), EventRetention.DEFAULT, encryption);
    opened.add(s);
    return s;
  }

  private static StorageEncryption aesgcm(String... keys) {
    StringBuilder gcm = new StringBuilder("- aesgcm:\n    keys:\n");
    for (String k : keys) {
      gcm.append("    - name: ").append(k.replace(": ", "\n      secret: ")).append('\n');
    }
    return config(gcm.toString());
  }

  private static String provider(String keyLine) {
    return "- aesgcm:\n    keys:\n    - name: " + keyLine.replace(": ", "\n      secret: ") + "\n";
  }

  static StorageEncryption config(String providers) {
    String yaml =
        """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: [secrets]
          providers:
        """
            + providers.indent(2);
    return StorageEncryption.of(
        EncryptionConfigParser.parse(yaml),
        name -> name.equals("secrets") ? Optional.of("/Secret") : Optional.empty());
  }

  private static String key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return Base64.getEncoder().encodeToString(k);
  }

  private static ResourceKey key(String name) {
    return new ResourceKey("", "Secret", "shop", name);
  }

  private static ResourceQuery secrets() {
    return new ResourceQuery("", "Secret", "shop", LabelSelector.ALL);
  }

  private static Resource secret(String name) {
    ObjectNode doc = Json.object().put("apiVersion", "v1").put("kind", "Secret");
    doc.putObject("metadata").put("name", name).put("namespace", "shop");
    doc.putObject("data").put("password", ENCODED);
    doc.putObject("stringData").put("other", "stringValue");
    return Resource.of(doc);
  }

  private static String password(Resource r) {
    return r.json().path("data").path("password").asText();
  }

  private static String rawObjectRows() throws Exception {
    return query("SELECT doc::text FROM resources ORDER BY name");
  }

  /** Every column of every row of the tables that can hold a document. */
  private static String rawRows() throws Exception {
    return query("SELECT r::text FROM resources r")
        + query("SELECT e::text FROM resource_events e")
        + query("SELECT a::text FROM audit_log a");
  }

  private static String query(String sql) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = TestPostgres.database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }
}
