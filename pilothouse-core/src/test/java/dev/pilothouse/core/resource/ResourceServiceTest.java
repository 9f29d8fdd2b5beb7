package dev.pilothouse.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.BadRequestException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResourceServiceTest {
  private final KindRegistry kinds = KindRegistry.builtin();
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final ResourceService service =
      new ResourceService(
          kinds, store, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
  private final KindInfo configMaps = kinds.byPath("", "v1", "configmaps");
  private final KindInfo rollouts = kinds.byPath("argoproj.io", "v1alpha1", "rollouts");
  private final Actor alice = new Actor("alice");

  private static JsonNode yaml(String text) {
    return Yaml.readAll(text, "test").getFirst();
  }

  private Resource createConfigMap(String name, String value) {
    return service.create(
        configMaps,
        "shop",
        yaml(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                + name
                + "}\ndata: {k: "
                + value
                + "}"),
        alice);
  }

  @Test
  void createFillsServerOwnedMetadata() {
    Resource created = createConfigMap("cfg", "a");

    assertThat(created.namespace()).isEqualTo("shop");
    assertThat(created.uid()).isNotEmpty();
    assertThat(created.generation()).isEqualTo(1);
    assertThat(created.resourceVersion()).isPositive();
    assertThat(created.metadata().path("creationTimestamp").asText())
        .isEqualTo("2026-11-23T10:00:00Z");
  }

  @Test
  void createOfTakenNameFailsAndKeepsTheOriginal() {
    Resource first = createConfigMap("cfg", "a");

    assertThatThrownBy(() -> createConfigMap("cfg", "b"))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(service.get(configMaps, "shop", "cfg")).isEqualTo(first);
  }

  @Test
  void schemaViolationNamesTheField() {
    JsonNode bad =
        yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: {nested: 1}}");

    assertThatThrownBy(() -> service.create(configMaps, "shop", bad, alice))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactly("data.k"));
    assertThat(store.currentVersion()).isZero();
  }

  @Test
  void invalidNameIsRejectedWithTheFieldPath() {
    JsonNode bad = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Not_Valid}");

    assertThatThrownBy(() -> service.create(configMaps, "shop", bad, alice))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("metadata.name"));
  }

  @Test
  void bodyForAnotherKindIsRejectedNamingApiVersion() {
    JsonNode rollout =
        yaml("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {}");

    assertThatThrownBy(() -> service.create(configMaps, "shop", rollout, alice))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors().getFirst().field()).isEqualTo("apiVersion"));
  }

  @Test
  void namespaceInBodyMustMatchTheRequest() {
    JsonNode other =
        yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: other}");

    assertThatThrownBy(() -> service.create(configMaps, "shop", other, alice))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("other");
  }

  @Test
  void replaceWithStaleResourceVersionConflictsAndKeepsStoredObject() {
    Resource v1 = createConfigMap("cfg", "a");
    Resource v2 = service.replace(configMaps, "shop", "cfg", change(v1, "b"), alice);

    assertThatThrownBy(() -> service.replace(configMaps, "shop", "cfg", change(v1, "c"), alice))
        .isInstanceOf(ConflictException.class);
    assertThat(service.get(configMaps, "shop", "cfg")).isEqualTo(v2);
  }

  @Test
  void replaceWithoutChangesKeepsTheResourceVersion() {
    Resource v1 = createConfigMap("cfg", "a");

    Resource same = service.replace(configMaps, "shop", "cfg", v1.json(), alice);

    assertThat(same.resourceVersion()).isEqualTo(v1.resourceVersion());
  }

  @Test
  void specChangeBumpsGenerationButStatusWriteDoesNot() {
    Resource created =
        service.create(
            rollouts,
            "shop",
            yaml(
                "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {replicas: 1, template: {spec: {containers: [{name: web}]}}, strategy: {canary: {steps: []}}}"),
            alice);
    JsonNode statusPatch = Json.parse("{\"status\":{\"phase\":\"Progressing\"}}");
    Resource withStatus = service.patch(rollouts, "shop", "web", statusPatch, true, alice);
    Resource scaled =
        service.patch(
            rollouts, "shop", "web", Json.parse("{\"spec\":{\"replicas\":3}}"), false, alice);

    assertThat(withStatus.generation()).isEqualTo(created.generation());
    assertThat(withStatus.status().path("phase").asText()).isEqualTo("Progressing");
    assertThat(scaled.generation()).isEqualTo(2);
    assertThat(scaled.status().path("phase").asText()).isEqualTo("Progressing");
  }

  @Test
  void statusInMainResourceWritesIsIgnoredForStatusSubresourceKinds() {
    service.create(
        rollouts,
        "shop",
        yaml(
            "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {replicas: 1, template: {spec: {containers: [{name: web}]}}, strategy: {canary: {steps: []}}}\nstatus: {phase: Fake}"),
        alice);

    Resource patched =
        service.patch(
            rollouts, "shop", "web", Json.parse("{\"status\":{\"phase\":\"X\"}}"), false, alice);

    assertThat(patched.status().isMissingNode()).isTrue();
  }

  @Test
  void mergePatchNullRemovesAField() {
    createConfigMap("cfg", "a");

    Resource patched =
        service.patch(
            configMaps,
            "shop",
            "cfg",
            Json.parse("{\"data\":{\"k\":null,\"x\":\"1\"}}"),
            false,
            alice);

    assertThat(patched.json().path("data").has("k")).isFalse();
    assertThat(patched.json().path("data").path("x").asText()).isEqualTo("1");
  }

  @Test
  void patchWithStaleResourceVersionPreconditionConflicts() {
    Resource v1 = createConfigMap("cfg", "a");
    service.patch(configMaps, "shop", "cfg", Json.parse("{\"data\":{\"k\":\"b\"}}"), false, alice);
    JsonNode stale =
        Json.parse(
            "{\"metadata\":{\"resourceVersion\":\""
                + v1.resourceVersion()
                + "\"},\"data\":{\"k\":\"c\"}}");

    assertThatThrownBy(() -> service.patch(configMaps, "shop", "cfg", stale, false, alice))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void statusSubresourceOfKindWithoutOneIsNotFound() {
    createConfigMap("cfg", "a");

    assertThatThrownBy(() ->
            service.patch(configMaps, "shop", "cfg", Json.parse("{\"status\":{}}"), true, alice))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void watchWithoutVersionStartsWithExistingObjectsThenLiveChanges() throws Exception {
    createConfigMap("a", "x1");
    try (Watch watch = service.watch(configMaps, "shop", LabelSelector.ALL, OptionalLong.empty())) {
      createConfigMap("b", "x2");
      service.delete(configMaps, "shop", "a", 0, alice);

      assertThat(next(watch)).isEqualTo("ADDED a");
      assertThat(next(watch)).isEqualTo("ADDED b");
      assertThat(next(watch)).isEqualTo("DELETED a");
    }
  }

  @Test
  void generateNameProducesAUniqueName() {
    JsonNode body = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: job-}");

    Resource first = service.create(configMaps, "shop", body, alice);
    Resource second = service.create(configMaps, "shop", body, alice);

    assertThat(first.name()).startsWith("job-").hasSize(9);
    assertThat(second.name()).isNotEqualTo(first.name());
  }

  private static String next(Watch watch) throws InterruptedException {
    WatchEvent e = watch.next(Duration.ofSeconds(1));
    return e == null ? "none" : e.type() + " " + e.object().name();
  }

  private static JsonNode change(Resource r, String value) {
    var doc = r.toJson();
    doc.with("data").put("k", value);
    return doc;
  }
}
