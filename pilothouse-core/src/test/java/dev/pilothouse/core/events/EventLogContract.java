package dev.pilothouse.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link EventLog} must have; run against the fake and PostgreSQL. */
public abstract class EventLogContract {

  /** A fresh, empty log. */
  protected abstract EventLog newLog();

  private static PlatformEvent event(String type, String namespace, String service, int second) {
    return PlatformEvent.of(
        Instant.parse("2026-11-23T10:00:00Z").plusSeconds(second),
        type,
        namespace,
        "Rollout/" + service,
        service,
        type + " of " + service,
        Map.of("k", "v" + second));
  }

  @Test
  void appendedEventsGetIncreasingIdsAndKeepTheirFields() {
    EventLog log = newLog();

    PlatformEvent first = log.append(event("rollout.step", "shop", "web", 1));
    PlatformEvent second = log.append(event("rollout.promoted", "shop", "web", 2));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(log.query(new EventQuery(null, null, null, null, 10)))
        .containsExactly(second, first);
  }

  @Test
  void queriesFilterByNamespaceServiceAndTypePrefixNewestFirstWithinTheLimit() {
    EventLog log = newLog();
    log.append(event("rollout.step", "shop", "web", 1));
    log.append(event("rollout.aborted", "shop", "api", 2));
    log.append(event("flag.changed", "shop", "web", 3));
    log.append(event("rollout.step", "pay", "web", 4));
    log.append(event("rollout.promoted", "shop", "web", 5));

    assertThat(log.query(new EventQuery("shop", null, "web", "rollout.", 10)))
        .extracting(PlatformEvent::type)
        .containsExactly("rollout.promoted", "rollout.step");
    assertThat(log.query(new EventQuery("shop", null, null, null, 2))).hasSize(2);
  }
}
