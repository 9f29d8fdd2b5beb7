package dev.pilothouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.pilothouse.core.error.UnavailableException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The connection pool to Pilothouse's PostgreSQL database, migrated to the current schema on
 * connect. Shared by every repository; closing it closes all connections.
 */
public final class Database implements AutoCloseable {
  /** Default pool size: enough for concurrent writers without exhausting small servers. */
  public static final int DEFAULT_POOL_SIZE = 16;

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
  }

  /**
   * Connects to PostgreSQL and applies pending migrations.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://host/db?user=u&password=p}, or {@link
   *     EmbeddedDatabase#jdbcUrl()}
   * @param poolSize maximum number of connections
   * @throws UnavailableException when the database cannot be reached or migrated
   */
  public static Database connect(String jdbcUrl, int poolSize) {
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config(jdbcUrl, poolSize));
    } catch (HikariPool.PoolInitializationException e) {
      throw new UnavailableException("cannot connect to PostgreSQL at " + redacted(jdbcUrl), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      dataSource.close();
      throw new UnavailableException("cannot migrate the database schema: " + e.getMessage(), e);
    }
    return new Database(dataSource);
  }

  /** Connects with {@link #DEFAULT_POOL_SIZE} connections. */
  public static Database connect(String jdbcUrl) {
    return connect(jdbcUrl, DEFAULT_POOL_SIZE);
  }

  private static HikariConfig config(String jdbcUrl, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setConnectionTimeout(5_000);
    config.setPoolName("pilothouse");
    return config;
  }

  /** The URL without its query string, which may hold a password. */
  static String redacted(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  /** Jdbi over the pool. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pool itself, for the plain-JDBC hot paths (see {@link Jdbc}). */
  DataSource dataSource() {
    return dataSource;
  }

  /** Current pool gauges. */
  public PoolStats poolStats() {
    HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
    if (pool == null) {
      return new PoolStats(0, 0, 0, 0);
    }
    return new PoolStats(
        pool.getActiveConnections(),
        pool.getIdleConnections(),
        pool.getTotalConnections(),
        pool.getThreadsAwaitingConnection());
  }

  /** Closes every connection. Close the repositories first. */
  @Override
  public void close() {
    dataSource.close();
  }
}
