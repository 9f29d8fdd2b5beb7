package dev.pilothouse.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/** {@link EventLog} over the {@code platform_events} table. */
public final class PostgresEventLog implements EventLog {
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

  private final Database database;

  /** The event log of a database. */
  public PostgresEventLog(Database database) {
    this.database = database;
  }

  @Override
  public PlatformEvent append(PlatformEvent e) {
    long id =
        StoreErrors.call(() ->
            database
                .jdbi()
                .withHandle(h ->
                    h.createQuery(
                            "INSERT INTO platform_events (time, type, namespace, subject, service, cluster, message, attributes)"
                                + " VALUES (:time, :type, :ns, :subject, :service, :cluster, :message, CAST(:attributes AS jsonb)) RETURNING id")
                        .bind("time", Timestamp.from(e.time()))
                        .bind("type", e.type())
                        .bind("ns", e.namespace())
                        .bind("subject", e.subject())
                        .bind("service", e.service())
                        .bind("cluster", e.cluster())
                        .bind("message", e.message())
                        .bind("attributes", Json.write(e.attributes()))
                        .mapTo(Long.class)
                        .one()));
    return new PlatformEvent(
        id,
        e.time(),
        e.type(),
        e.namespace(),
        e.subject(),
        e.service(),
        e.cluster(),
        e.message(),
        e.attributes());
  }

  @Override
  public List<PlatformEvent> query(EventQuery q) {
    return StoreErrors.call(() ->
        database
            .jdbi()
            .withHandle(h ->
                h.createQuery(
                        "SELECT * FROM platform_events WHERE (CAST(:ns AS text) IS NULL OR namespace = :ns)"
                            + " AND (CAST(:subject AS text) IS NULL OR subject = :subject)"
                            + " AND (CAST(:service AS text) IS NULL OR service = :service)"
                            + " AND (CAST(:prefix AS text) IS NULL OR starts_with(type, :prefix))"
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("ns", q.namespace())
                    .bind("subject", q.subject())
                    .bind("service", q.service())
                    .bind("prefix", q.typePrefix())
                    .bind("limit", q.limit())
                    .map((rs, ctx) -> row(rs))
                    .list()));
  }

  private static PlatformEvent row(ResultSet rs) throws SQLException {
    try {
      return new PlatformEvent(
          rs.getLong("id"),
          rs.getTimestamp("time").toInstant(),
          rs.getString("type"),
          rs.getString("namespace"),
          rs.getString("subject"),
          rs.getString("service"),
          rs.getString("cluster"),
          rs.getString("message"),
          Json.MAPPER.readValue(rs.getString("attributes"), ATTRIBUTES));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("unreadable event attributes", e);
    }
  }
}
