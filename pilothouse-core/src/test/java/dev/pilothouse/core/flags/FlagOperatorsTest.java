package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagOperatorsTest {
  static int murmur(String s) {
    return Murmur3.hash32(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void murmur3MatchesTheReferenceVectors() {
    assertThat(murmur("")).isZero();
    assertThat(murmur("hello")).isEqualTo(0x248bfa47);
    assertThat(murmur("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
  }

  @Test
  void murmur3OfTwoStringsIsTheHashOfTheirConcatenatedUtf8Bytes() {
    String[][] pairs = {
      {"", ""},
      {"a", ""},
      {"", "abc"},
      {"flag", "user-123"},
      {"split", "user-77"},
      {"ab", "cde"},
      {"über", "flag"},
      {"emoji-\ud83d", "\ude00"},
      {"abc", "\u00e9t\u00e9"}
    };
    for (String[] p : pairs) {
      assertThat(Murmur3.hash32(p[0], p[1])).as(p[0] + "|" + p[1]).isEqualTo(murmur(p[0] + p[1]));
    }
  }

  @Test
  void fractionalReturnsNullWhenAllWeightsAreZero() {
    Object r =
        new Fractional().evaluate(List.of("key", List.of("a", 0), List.of("b", 0)), Map.of(), "$");
    assertThat(r).isNull();
  }

  @Test
  void fractionalWithoutATargetingKeyOrBucketKeyReturnsNull() {
    Object r = new Fractional().evaluate(List.of(List.of("a", 1)), Map.of(), "$");
    assertThat(r).isNull();
  }

  @Test
  void fractionalSpreadsKeysRoughlyByWeight() {
    Fractional f = new Fractional();
    int a = 0;
    for (int i = 0; i < 10_000; i++) {
      if ("a"
          .equals(
              f.evaluate(
                  List.of("user-" + i, List.of("a", 20), List.of("b", 80)), Map.of(), "$"))) {
        a++;
      }
    }
    assertThat(a).isBetween(1_800, 2_200);
  }

  @Test
  void semVerComparesPreReleasesBelowReleasesAndIgnoresBuildMetadata() {
    SemVerOperator op = new SemVerOperator();
    assertThat(op.evaluate(List.of("2.0.0-alpha", "<", "2.0.0"), null, "$")).isEqualTo(true);
    assertThat(op.evaluate(List.of("1.0.0-alpha.2", ">", "1.0.0-alpha.10"), null, "$"))
        .isEqualTo(false);
    assertThat(op.evaluate(List.of("1.0.0+a", "=", "v1.0.0+b"), null, "$")).isEqualTo(true);
    assertThat(op.evaluate(List.of("3.1.9", "~", "3.1.0"), null, "$")).isEqualTo(true);
  }

  @Test
  void semVerReturnsNullForBadInput() {
    SemVerOperator op = new SemVerOperator();
    assertThat(op.evaluate(List.of("1.0.0.0", "=", "1.0.0"), null, "$")).isNull();
    assertThat(op.evaluate(List.of("1.0.0", "=~", "1.0.0"), null, "$")).isNull();
    assertThat(op.evaluate(List.of("1.0.0", "="), null, "$")).isNull();
  }

  @Test
  void stringOperatorsReturnNullForNonStrings() {
    assertThat(StringOperator.STARTS_WITH.evaluate(List.of(1, "a"), null, "$")).isNull();
    assertThat(StringOperator.ENDS_WITH.evaluate(List.of("abc", "bc"), null, "$")).isEqualTo(true);
  }
}
