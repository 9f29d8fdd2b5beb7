package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.store.Database;
import dev.pilothouse.store.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kill switch is one transaction: a PostgreSQL trigger makes the write of the second of three
 * environments fail, after the first was written in the same transaction, and nothing changes.
 */
class KillSwitchTransactionTest {
  private static final List<String> ENVIRONMENTS = List.of("kill-a", "kill-b", "kill-c");
  private static EmbeddedDatabase postgres;
  private static Database sql;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base.toAbsolutePath(), "kill-");
    postgres = EmbeddedDatabase.start(dir.resolve("pg"), 0);
    sql = Database.connect(postgres.jdbcUrl());
    Backend backend = PostgresBackend.open(Optional.of(postgres.jdbcUrl()), dir);
    String token = Bootstrap.ensureAdmin(backend.tenancy()).orElseThrow();
    server =
        TestServer.of(
            PilothouseServer.start(
                ServerOptions.defaults().withPort(0), backend, Clock.systemUTC()),
            token,
            dir);
    for (String env : ENVIRONMENTS) {
      var created =
          server.post(
              "/apis/pilothouse.dev/v1alpha1/namespaces/" + env + "/featureflagsets",
              """
              {"apiVersion":"pilothouse.dev/v1alpha1","kind":"FeatureFlagSet",
               "metadata":{"name":"shop"},
               "spec":{"flags":{"checkout":{"state":"ENABLED",
                 "variants":{"on":true,"off":false},"defaultVariant":"on"}}}}
              """);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (sql != null) {
      sql.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static List<String> states() throws Exception {
    return ENVIRONMENTS.stream()
        .map(env -> {
          try {
            return Json.parse(server.get("/api/v1/namespaces/" + env + "/flags/checkout").body())
                .path("state")
                .asText();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  private static long disabledEvents() throws Exception {
    JsonNode items = Json.parse(server.get("/api/v1/flags/checkout/history").body()).path("items");
    long n = 0;
    for (JsonNode e : items) {
      if (e.path("type").asText().equals("flag.disabled")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aFailureHalfWayThroughTheKillSwitchChangesNoEnvironmentAndARetryChangesAll()
      throws Exception {
    sql.jdbi()
        .useHandle(h -> {
          h.execute(
              "CREATE FUNCTION injected_failure() RETURNS trigger AS $$ BEGIN"
                  + " RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql");
          h.execute(
              "CREATE TRIGGER injected_failure BEFORE UPDATE ON resources FOR EACH ROW"
                  + " WHEN (NEW.namespace = 'kill-b') EXECUTE FUNCTION injected_failure()");
        });

    var failed = server.post("/api/v1/flags/checkout:kill", "");

    assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
    assertThat(states()).containsExactly("ENABLED", "ENABLED", "ENABLED");
    assertThat(disabledEvents()).isZero();

    sql.jdbi().useHandle(h -> h.execute("DROP TRIGGER injected_failure ON resources"));
    var killed = server.post("/api/v1/flags/checkout:kill", "");

    assertThat(killed.statusCode()).as(killed.body()).isEqualTo(200);
    assertThat(states()).containsExactly("DISABLED", "DISABLED", "DISABLED");
    assertThat(disabledEvents()).isEqualTo(3);
  }
}
