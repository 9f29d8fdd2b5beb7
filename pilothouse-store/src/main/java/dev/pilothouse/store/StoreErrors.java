package dev.pilothouse.store;

import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.error.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns database failures into typed, client-safe errors: SQL text and driver messages stay in the
 * cause, never in the message.
 */
final class StoreErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";

  private StoreErrors() {}

  /** Runs a database operation, translating infrastructure failures. */
  static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (PilothouseException e) {
      throw e;
    } catch (ConnectionException e) {
      throw new UnavailableException("the database is unavailable; try again shortly", e);
    } catch (JdbiException e) {
      if (isConnectionProblem(e)) {
        throw new UnavailableException("the database is unavailable; try again shortly", e);
      }
      throw e;
    }
  }

  /**
   * Translates a failure of plain JDBC (see {@link Jdbc}) the way {@link #call} does for Jdbi:
   * connection problems become {@link UnavailableException}, anything else a generic failure whose
   * message holds no SQL (the cause keeps the details).
   */
  static RuntimeException translate(SQLException e) {
    if (isConnectionProblem(e) || e instanceof SQLTransientConnectionException) {
      return new UnavailableException("the database is unavailable; try again shortly", e);
    }
    return new DatabaseException(
        "a database statement failed (SQLSTATE " + e.getSQLState() + ")", e);
  }

  /** A database failure that is not the client's fault and not a connection problem. */
  static final class DatabaseException extends RuntimeException {
    DatabaseException(String message, SQLException cause) {
      super(message, cause);
    }
  }

  /** Runs a database operation without a result. */
  static void run(Runnable operation) {
    call(() -> {
      operation.run();
      return null;
    });
  }

  /** The SQLSTATE of the SQL error behind a failure, if any. */
  static Optional<String> sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  /** Whether a failure is about reaching the database rather than the statement itself. */
  static boolean isConnectionProblem(Throwable e) {
    String state = sqlState(e).orElse("");
    // 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources
    return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
  }
}
