package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodEnvTest {
  private static final PodEnv.PodFields POD =
      new PodEnv.PodFields("shop-7f-0", "team-a", Map.of("app", "shop"), "127.0.0.1");

  private static final Map<String, JsonNode> OBJECTS =
      Map.of(
          "ConfigMap/settings",
          yaml("data: {COLOR: blue, MODE: fast}"),
          "Secret/db",
          // "czNjcjN0" is base64 of "s3cr3t"
          yaml("data: {password: czNjcjN0}\nstringData: {user: admin}"));

  private static JsonNode yaml(String text) {
    return Yaml.readAll(text, "test").getFirst();
  }

  private static PodEnv.Result resolve(String container) {
    return PodEnv.resolve(
        yaml(container), POD, (kind, name) -> Optional.ofNullable(OBJECTS.get(kind + "/" + name)));
  }

  private static Map<String, String> env(String container) {
    PodEnv.Result result = resolve(container);
    assertThat(result).isInstanceOf(PodEnv.Result.Resolved.class);
    return ((PodEnv.Result.Resolved) result).env();
  }

  private static String failure(String container) {
    PodEnv.Result result = resolve(container);
    assertThat(result).isInstanceOf(PodEnv.Result.Failed.class);
    return ((PodEnv.Result.Failed) result).message();
  }

  @Test
  void valuesConfigMapAndSecretKeysAndPodFieldsAreResolved() {
    Map<String, String> env =
        env(
            """
            env:
            - {name: PLAIN, value: "1"}
            - {name: COLOR, valueFrom: {configMapKeyRef: {name: settings, key: COLOR}}}
            - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
            - {name: DB_USER, valueFrom: {secretKeyRef: {name: db, key: user}}}
            - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
            - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
            """);

    assertThat(env)
        .containsExactly(
            Map.entry("PLAIN", "1"),
            Map.entry("COLOR", "blue"),
            Map.entry("DB_PASSWORD", "s3cr3t"),
            Map.entry("DB_USER", "admin"),
            Map.entry("NAME", "shop-7f-0"),
            Map.entry("NS", "team-a"),
            Map.entry("IP", "127.0.0.1"),
            Map.entry("APP", "shop"));
  }

  @Test
  void envFromAddsEveryKeyWithItsPrefixAndEnvEntriesWin() {
    Map<String, String> env =
        env(
            """
            envFrom:
            - {configMapRef: {name: settings}}
            - {secretRef: {name: db}, prefix: DB_}
            - {configMapRef: {name: absent, optional: true}}
            env:
            - {name: MODE, value: slow}
            """);

    assertThat(env)
        .containsEntry("COLOR", "blue")
        .containsEntry("MODE", "slow")
        .containsEntry("DB_password", "s3cr3t")
        .containsEntry("DB_user", "admin")
        .hasSize(4);
  }

  @Test
  void aMissingKeyNamesTheVariableTheObjectAndTheKey() {
    assertThat(failure("env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: db, key: token}}}]"))
        .isEqualTo(
            "env TOKEN: key 'token' not found in Secret 'db' (create it, or set optional: true)");
    assertThat(failure("env: [{name: C, valueFrom: {configMapKeyRef: {name: nope, key: COLOR}}}]"))
        .isEqualTo("env C: ConfigMap 'nope' not found (create it, or set optional: true)");
    assertThat(failure("envFrom: [{secretRef: {name: gone}}]"))
        .isEqualTo("envFrom: Secret 'gone' not found (create it, or set optional: true)");
  }

  @Test
  void anOptionalMissingKeyLeavesTheVariableUnset() {
    Map<String, String> env =
        env(
            """
            env:
            - {name: TOKEN, valueFrom: {secretKeyRef: {name: db, key: token, optional: true}}}
            - {name: C, valueFrom: {configMapKeyRef: {name: nope, key: C, optional: true}}}
            """);

    assertThat(env).isEmpty();
  }

  @Test
  void unsupportedSourcesAndFieldPathsAreNamed() {
    assertThat(failure("env: [{name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}]"))
        .startsWith("env CPU: valueFrom supports configMapKeyRef, secretKeyRef and fieldRef")
        .endsWith("not resourceFieldRef");
    assertThat(failure("env: [{name: U, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}]"))
        .startsWith("env U: fieldRef.fieldPath 'metadata.uid' is not supported locally");
  }

  @Test
  void secretDataThatIsNotBase64IsReported() {
    PodEnv.Result result =
        PodEnv.resolve(
            yaml("env: [{name: P, valueFrom: {secretKeyRef: {name: bad, key: p}}}]"),
            POD,
            (kind, name) -> Optional.of(Json.parse("{\"data\":{\"p\":\"not base64!\"}}")));

    assertThat(result)
        .isInstanceOfSatisfying(
            PodEnv.Result.Failed.class,
            f -> assertThat(f.message()).startsWith("Secret 'bad' data.p is not valid base64"));
  }
}
