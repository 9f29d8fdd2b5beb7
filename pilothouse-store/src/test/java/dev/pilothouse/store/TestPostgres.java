package dev.pilothouse.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One embedded PostgreSQL and one migrated {@link Database} per test JVM, emptied per test. */
final class TestPostgres {
  private static EmbeddedDatabase embedded;
  private static Database database;

  private TestPostgres() {}

  /** The shared database, started on first use and stopped when the JVM exits. */
  static synchronized Database database() {
    if (database == null) {
      embedded = EmbeddedDatabase.start(newFolder("shared-pg"));
      database = Database.connect(embedded.jdbcUrl(), 24);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                database.close();
                embedded.close();
              }));
    }
    return database;
  }

  /** Removes every row (the version sequence keeps counting, as in production). */
  static void truncate() {
    database()
        .jdbi()
        .useHandle(h -> {
          h.execute(
              "TRUNCATE resources, resource_events, audit_log, teams, users, memberships,"
                  + " namespace_owners, api_tokens, platform_events");
          h.execute("UPDATE event_horizon SET compacted_through = 0");
        });
  }

  /** A new empty folder under the build's test directory. */
  static Path newFolder(String prefix) {
    try {
      Path root = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
      Files.createDirectories(root);
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
