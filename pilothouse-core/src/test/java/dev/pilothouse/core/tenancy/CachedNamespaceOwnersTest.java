package dev.pilothouse.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedNamespaceOwnersTest {
  private final Map<String, String> owners = new HashMap<>(Map.of("pay", "payments"));
  private final AtomicInteger lookups = new AtomicInteger();
  private Instant now = Instant.parse("2026-11-24T01:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final CachedNamespaceOwners cache =
      new CachedNamespaceOwners(
          ns -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(owners.get(ns));
          },
          clock,
          Duration.ofSeconds(2));

  @Test
  void repeatedQuestionsWithinTheTtlCostOneLookup() {
    for (int i = 0; i < 100; i++) {
      assertThat(cache.apply("pay")).hasValue("payments");
      assertThat(cache.apply("free")).isEmpty();
    }
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aChangeElsewhereIsSeenOnceTheTtlHasPassed() {
    assertThat(cache.apply("free")).isEmpty();
    owners.put("free", "search");

    now = now.plusMillis(1_999);
    assertThat(cache.apply("free")).isEmpty();
    now = now.plusMillis(1);
    assertThat(cache.apply("free")).hasValue("search");
  }

  @Test
  void invalidatingShowsALocalChangeAtOnce() {
    assertThat(cache.apply("free")).isEmpty();
    owners.put("free", "search");

    cache.invalidate();

    assertThat(cache.apply("free")).hasValue("search");
  }
}
