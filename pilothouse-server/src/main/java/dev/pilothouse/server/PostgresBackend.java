package dev.pilothouse.server;

import dev.pilothouse.server.Backend.PoolGauges;
import dev.pilothouse.store.Database;
import dev.pilothouse.store.EmbeddedDatabase;
import dev.pilothouse.store.EventRetention;
import dev.pilothouse.store.PostgresAuditLog;
import dev.pilothouse.store.PostgresEventLog;
import dev.pilothouse.store.PostgresResourceStore;
import dev.pilothouse.store.PostgresTenancyRepository;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Opens the PostgreSQL backend: an external database by JDBC URL, or the embedded one. */
public final class PostgresBackend {
  private PostgresBackend() {}

  /**
   * Connects and migrates. With no URL, starts embedded PostgreSQL in {@code dataDir} (locked so a
   * second Pilothouse on the same folder fails with a clear message).
   */
  public static Backend open(Optional<String> jdbcUrl, Path dataDir) {
    return open(jdbcUrl, dataDir, StorageEncryption.none());
  }

  /** The same, encrypting at rest the kinds {@code encryption} names. */
  public static Backend open(Optional<String> jdbcUrl, Path dataDir, StorageEncryption encryption) {
    EmbeddedDatabase embedded = jdbcUrl.isEmpty() ? EmbeddedDatabase.start(dataDir, 0) : null;
    Database db;
    try {
      // A lambda, not embedded::jdbcUrl: that would dereference the null embedded at once.
      db = Database.connect(jdbcUrl.orElseGet(() -> embedded.jdbcUrl()));
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
    Clock clock = Clock.systemUTC();
    PostgresResourceStore store =
        new PostgresResourceStore(db, clock, EventRetention.DEFAULT, encryption);
    PoolGauges pool =
        new PoolGauges(
            () -> db.poolStats().active(),
            () -> db.poolStats().idle(),
            () -> db.poolStats().pendingThreads(),
            () -> db.poolStats().total());
    return new Backend(
        store,
        new PostgresAuditLog(db),
        new PostgresTenancyRepository(db, clock),
        () -> ping(db),
        pool,
        () -> {
          store.close();
          db.close();
          if (embedded != null) {
            embedded.close();
          }
        },
        new PostgresEventLog(db));
  }

  private static boolean ping(Database db) {
    try {
      return db.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
