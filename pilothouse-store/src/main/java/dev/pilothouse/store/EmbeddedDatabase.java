package dev.pilothouse.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A PostgreSQL server run by Pilothouse itself, keeping its data in {@code <dataFolder>/pg} across
 * restarts. Only one launcher may use a data folder at a time (see {@link DataFolderLock}).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final Path dataFolder;
  private final DataFolderLock lock;
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(Path dataFolder, DataFolderLock lock, EmbeddedPostgres postgres) {
    this.dataFolder = dataFolder;
    this.lock = lock;
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on a data folder, initialising it on first use.
   *
   * @param dataFolder Pilothouse's data folder (PostgreSQL files go to its {@code pg} subfolder)
   * @param port the loopback port to listen on, or 0 for a free one
   * @throws DataFolderInUseException when another launcher uses the folder
   * @throws UncheckedIOException when PostgreSQL cannot be started
   */
  public static EmbeddedDatabase start(Path dataFolder, int port) {
    DataFolderLock lock;
    try {
      lock = DataFolderLock.acquire(dataFolder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock data folder " + dataFolder, e);
    }
    try {
      // Holding the lock, any server still running on these files is a crashed run's orphan.
      OrphanPostgres.stop(dataFolder.resolve("pg"));
      return new EmbeddedDatabase(dataFolder, lock, launch(dataFolder.resolve("pg"), port));
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock, e);
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot start embedded PostgreSQL in " + dataFolder, io)
          : (RuntimeException) e;
    }
  }

  /** Starts PostgreSQL on a data folder and a free loopback port. */
  public static EmbeddedDatabase start(Path dataFolder) {
    return start(dataFolder, 0);
  }

  private static EmbeddedPostgres launch(Path pgDir, int port) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgDir)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200");
    if (port > 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  /** JDBC URL of the server's database, suitable for {@link Database#connect(String, int)}. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  /** An unpooled data source (for tools and tests; the server uses {@link Database}). */
  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** The port PostgreSQL listens on. */
  public int port() {
    return postgres.getPort();
  }

  /** The data folder this server owns. */
  public Path dataFolder() {
    return dataFolder;
  }

  /** Stops PostgreSQL, then releases the data folder. */
  @Override
  public void close() {
    try (lock) {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL in " + dataFolder, e);
    }
  }

  private static void closeQuietly(DataFolderLock lock, Exception primary) {
    try {
      lock.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
