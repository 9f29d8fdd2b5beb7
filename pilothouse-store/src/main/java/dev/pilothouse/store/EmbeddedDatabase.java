package dev.pilothouse.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Pilothouse itself, keeping its data in {@code <dataFolder>/pg} across
 * restarts. Only one launcher may use a data folder at a time (see {@link DataFolderLock}).
 *
 * <p>The owner stops it with {@link #close} after everything that writes to it. A JVM exit hook
 * stops it only if the owner did not close it within {@link #OWNER_GRACE}, so a Ctrl-C never stops
 * PostgreSQL under a shutdown that still writes.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  /**
   * How long the exit hook waits for the owner to close the database before it stops PostgreSQL
   * itself: the owner first stops what still writes (the local runtime deletes its Pod records).
   */
  static final Duration OWNER_GRACE = Duration.ofSeconds(30);

  /** How long PostgreSQL may take to start (zonky's 10 s default was exceeded under load). */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final Path dataFolder;
  private final DataFolderLock lock;
  private final EmbeddedPostgres postgres;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread exitHook;

  private EmbeddedDatabase(Path dataFolder, DataFolderLock lock, EmbeddedPostgres postgres) {
    this.dataFolder = dataFolder;
    this.lock = lock;
    this.postgres = postgres;
    this.exitHook = new Thread(this::stopAtExit, "embedded-postgres-exit");
    Runtime.getRuntime().addShutdownHook(exitHook);
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
            // Not zonky's own exit hook: it stopped PostgreSQL while the server's hook was still
            // deleting Pod records. Ours (stopAtExit) leaves the order to the owner.
            .setRegisterShutdownHook(false)
            .setPGStartupWait(STARTUP_WAIT)
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

  /**
   * Stops PostgreSQL, then releases the data folder. The owner calls it last, after everything that
   * writes to the database stopped; calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitClosed(OWNER_GRACE);
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook is running and waits for this close
    }
    try (lock) {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL in " + dataFolder, e);
    } finally {
      closed.countDown();
    }
  }

  /**
   * At JVM exit: waits for the owner's own shutdown (which closes the database last), and stops
   * PostgreSQL only if nobody closes it, so that it never outlives the JVM (it runs in its own
   * process group and would otherwise stay, holding the data folder's files).
   */
  private void stopAtExit() {
    if (awaitClosed(OWNER_GRACE)) {
      return;
    }
    LOG.atWarn()
        .addKeyValue("dir", dataFolder)
        .log("embedded PostgreSQL was not closed by its owner; stopping it at exit");
    try {
      close();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("cannot stop embedded PostgreSQL at exit");
    }
  }

  private boolean awaitClosed(Duration timeout) {
    try {
      return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
