package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

  @Test
  void agesAreShownInTheLargestSensibleUnit() {
    assertThat(Ages.format(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Ages.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(Ages.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Ages.format(Duration.ofDays(4))).isEqualTo("4d");
  }

  @Test
  void missingOrBrokenTimestampsHaveNoAge() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    assertThat(Ages.since("", now)).isEmpty();
    assertThat(Ages.since("yesterday", now)).isEmpty();
    assertThat(Ages.since("2026-11-23T09:59:00Z", now)).contains("60s");
  }
}
