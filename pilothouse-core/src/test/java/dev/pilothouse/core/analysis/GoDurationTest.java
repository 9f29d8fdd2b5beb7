package dev.pilothouse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void parsesTheUnitsArgoTemplatesUse() {
    assertThat(GoDuration.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(GoDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("10s")).contains(Duration.ofSeconds(10));
    assertThat(GoDuration.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(GoDuration.parse("1.5h")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("2h45m30.5s")).contains(Duration.parse("PT2H45M30.5S"));
    assertThat(GoDuration.parse("100us")).contains(Duration.ofNanos(100_000));
    assertThat(GoDuration.parse("-2s")).contains(Duration.ofSeconds(-2));
    assertThat(GoDuration.parse("0")).contains(Duration.ZERO);
  }

  @Test
  void rejectsTextThatGoWouldReject() {
    assertThat(GoDuration.parse("")).isEmpty();
    assertThat(GoDuration.parse("5")).isEmpty();
    assertThat(GoDuration.parse("5 m")).isEmpty();
    assertThat(GoDuration.parse("m")).isEmpty();
    assertThat(GoDuration.parse("5d")).isEmpty();
    assertThat(GoDuration.parse("1h30")).isEmpty();
    assertThat(GoDuration.parse(null)).isEmpty();
  }

  @Test
  void parseOrThrowNamesTheBadText() {
    assertThatThrownBy(() -> GoDuration.parseOrThrow("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'soon'");
  }
}
