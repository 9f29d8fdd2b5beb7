package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloResourceAdmissionTest {
  private final KindRegistry kinds = KindRegistry.builtin();
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final ResourceService service = new ResourceService(kinds, store, Clock.systemUTC());

  private void create(JsonNode doc) {
    KindInfo kind = kinds.kindOf(doc);
    service.create(kind, "monitoring", doc, Actor.SYSTEM);
  }

  private static List<JsonNode> docs(String name) throws Exception {
    return Yaml.readAll(SloParsersTest.resource(name), name);
  }

  private static List<String> fieldsOf(ValidationException e) {
    return e.fieldErrors().stream().map(FieldError::field).toList();
  }

  @Test
  void slothsOwnCrdExampleIsAcceptedAsWritten() throws Exception {
    create(docs("sloth-crd.yaml").get(0));

    assertThat(store.currentVersion()).isEqualTo(1);
  }

  @Test
  void aBadSlothObjectiveAndAQueryWithoutWindowAreRefusedNamingBothFieldsAndNothingIsStored()
      throws Exception {
    ObjectNode doc = (ObjectNode) docs("sloth-crd.yaml").get(0);
    ObjectNode slo = (ObjectNode) doc.path("spec").path("slos").get(0);
    slo.put("objective", 120);
    ((ObjectNode) slo.path("sli").path("events")).put("totalQuery", "sum(rate(x[5m]))");

    assertThatThrownBy(() -> create(doc))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(fieldsOf(e))
                    .containsExactlyInAnyOrder(
                        "spec.slos[0].objective", "spec.slos[0].sli.events.totalQuery"));
    assertThat(store.currentVersion()).isZero();
  }

  @Test
  void openSloSliAndSloAreAcceptedInEitherOrderAndTheCatalogResolvesTheReference()
      throws Exception {
    List<JsonNode> docs = docs("openslo-checkout.yaml");
    create(docs.get(1)); // the SLO first: its indicatorRef does not resolve yet
    create(docs.get(0));

    SloResources.Catalog catalog = SloResources.catalog(service, null);

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.slos())
        .singleElement()
        .satisfies(s -> {
          assertThat(s.namespace()).isEqualTo("monitoring");
          assertThat(s.slo().id()).isEqualTo("checkout-availability");
          assertThat(s.slo().period()).isEqualTo(Duration.ofDays(7));
        });
  }

  @Test
  void anOpenSloSloWithUnsupportedBudgetingIsRefusedNamingTheSpecField() throws Exception {
    ObjectNode slo = (ObjectNode) docs("openslo-checkout.yaml").get(1);
    ((ObjectNode) slo.get("spec")).put("budgetingMethod", "Timeslices");

    assertThatThrownBy(() -> create(slo))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(fieldsOf(e)).containsExactly("spec.budgetingMethod"));
  }

  @Test
  void anOpenSloSliWithBothGoodAndBadIsRefusedNamingTheRatioMetric() throws Exception {
    ObjectNode sli = (ObjectNode) docs("openslo-checkout.yaml").get(0);
    ObjectNode ratio = (ObjectNode) sli.path("spec").path("ratioMetric");
    ratio.set("bad", ratio.get("good").deepCopy());

    assertThatThrownBy(() -> create(sli))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(fieldsOf(e)).containsExactly("spec.ratioMetric"));
  }

  @Test
  void theCatalogReportsAnSloWhoseSliIsMissingAndKeepsTheOthers() throws Exception {
    create(docs("openslo-checkout.yaml").get(1));
    create(docs("sloth-crd.yaml").get(0));

    SloResources.Catalog catalog = SloResources.catalog(service, null);

    assertThat(catalog.slos())
        .extracting(s -> s.slo().id())
        .containsExactly("myservice-requests-availability");
    assertThat(catalog.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.field()).contains("SLO/availability").endsWith("indicatorRef"));
  }
}
