package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.ValidationException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  @Test
  void equalityAndInequalityTermsMustAllHold() {
    LabelSelector s = LabelSelector.parse("app=web, tier!=db,env==prod");

    assertThat(s.matches(Map.of("app", "web", "tier", "front", "env", "prod"))).isTrue();
    assertThat(s.matches(Map.of("app", "web", "tier", "db", "env", "prod"))).isFalse();
    assertThat(s.matches(Map.of("app", "web"))).isFalse();
  }

  @Test
  void blankSelectsEverything() {
    assertThat(LabelSelector.parse(" ")).isEqualTo(LabelSelector.ALL);
  }

  @Test
  void setBasedTermsAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> LabelSelector.parse("app in (a,b)"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("labelSelector"));
  }

  @Test
  void canonicalFormParsesBackToTheSameSelector() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      LabelSelector s = new LabelSelector(randomLabels(random), randomLabels(random));
      assertThat(LabelSelector.parse(s.toString())).isEqualTo(s);
    }
  }

  @Test
  void arbitraryTextEitherParsesOrFailsWithAValidationError() {
    Random random = new Random(7);
    String alphabet = "ab=!,. /-_()\u00e9 ";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = random.nextInt(12); j > 0; j--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        LabelSelector.parse(sb.toString());
      } catch (ValidationException expected) {
        assertThat(expected.fieldErrors()).isNotEmpty();
      }
    }
  }

  private static Map<String, String> randomLabels(Random random) {
    Map<String, String> labels = new java.util.HashMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      labels.put("k" + random.nextInt(100), "v" + random.nextInt(100));
    }
    return labels;
  }
}
