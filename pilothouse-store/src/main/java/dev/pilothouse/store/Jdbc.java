package dev.pilothouse.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC for the hot paths (resource writes and gets, the event tailer). Jdbi's fluent
 * statements cost more CPU per call than the statements themselves (config lookups, type
 * resolution, statement events), so these paths use prepared statements on a pooled connection and
 * leave Jdbi to everything else.
 */
final class Jdbc {
  /** Work on a connection that may fail with a {@link SQLException}. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  /** Runs {@code work} on a pooled connection in autocommit mode. */
  static <T> T withConnection(DataSource dataSource, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw StoreErrors.translate(e);
    }
  }

  /** Runs {@code work} in one transaction, committed when it returns and rolled back otherwise. */
  static <T> T inTransaction(DataSource dataSource, Work<T> work) {
    return withConnection(
        dataSource,
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.apply(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
          }
          // The pool restores autocommit when the connection is returned.
        });
  }

  private static void rollbackQuietly(Connection c, Exception primary) {
    try {
      c.rollback();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }
}
