package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FeatureFlagSetAdmissionTest {
  private final KindRegistry kinds = KindRegistry.builtin();
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final ResourceService service = new ResourceService(kinds, store, Clock.systemUTC());
  private final KindInfo sets = kinds.byPath("pilothouse.dev", "v1alpha1", "featureflagsets");

  private static String set(String flag) {
    return "{\"apiVersion\":\"pilothouse.dev/v1alpha1\",\"kind\":\"FeatureFlagSet\",\"metadata\":{\"name\":\"web\"},"
        + "\"spec\":{\"flags\":{\"new-checkout\":"
        + flag
        + "}}}";
  }

  @Test
  void aValidFlagSetIsStored() {
    service.create(
        sets,
        "default",
        Json.parse(
            set(
                "{\"state\":\"ENABLED\",\"variants\":{\"on\":true,\"off\":false},\"defaultVariant\":\"off\"}")),
        Actor.SYSTEM);

    assertThat(store.currentVersion()).isEqualTo(1);
  }

  @Test
  void aDefaultVariantThatIsNotAVariantIsRefusedNamingTheFieldAndNothingIsStored() {
    String bad =
        set(
            "{\"state\":\"ENABLED\",\"variants\":{\"on\":true,\"off\":false},\"defaultVariant\":\"maybe\"}");

    assertThatThrownBy(() -> service.create(sets, "default", Json.parse(bad), Actor.SYSTEM))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .anyMatch(f -> f.startsWith("spec.flags.new-checkout")));
    assertThat(store.currentVersion()).isZero();
  }
}
