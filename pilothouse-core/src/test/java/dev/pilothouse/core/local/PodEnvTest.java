package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodEnvTest {
  private static final PodEnv.PodFields POD =
      new PodEnv.PodFields(
          "shop-7f-0",
          "team-a",
          Map.of("app", "shop"),
          "127.0.0.1",
          new ResourceFields.Allocatable(BigDecimal.valueOf(4), BigDecimal.valueOf(8L << 30)));

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
  void valuesExpandVariablesDefinedBeforeThemAndLeaveOthersAsWritten() {
    PodEnv.Result result =
        PodEnv.resolve(
            yaml(
                """
                envFrom: [{configMapRef: {name: settings}}]
                env:
                - {name: HOST, value: db.local}
                - {name: URL, value: "http://$(HOST):$(PORT)/$(COLOR)?later=$(LATER)&self=$(URL)"}
                - {name: LATER, value: x}
                - {name: LITERAL, value: "$$(HOST) costs $$5 and $5"}
                - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                - {name: FROM_REF, value: "pod $(NAME)"}
                - {name: PORT, value: "override"}
                """),
            POD,
            Map.of("PORT", "31000", "HOST", "injected-loses"),
            (kind, name) -> Optional.ofNullable(OBJECTS.get(kind + "/" + name)));

    assertThat(result)
        .isInstanceOfSatisfying(
            PodEnv.Result.Resolved.class,
            r ->
                assertThat(r.env())
                    .containsEntry("URL", "http://db.local:31000/blue?later=$(LATER)&self=$(URL)")
                    .containsEntry("LITERAL", "$(HOST) costs $5 and $5")
                    .containsEntry("FROM_REF", "pod shop-7f-0")
                    .containsEntry("PORT", "override"));
  }

  @Test
  void valueFromValuesAreNotExpanded() {
    PodEnv.Result result =
        PodEnv.resolve(
            yaml("env: [{name: V, valueFrom: {configMapKeyRef: {name: refs, key: v}}}]"),
            POD,
            Map.of("X", "expanded"),
            (kind, name) -> Optional.of(Json.parse("{\"data\":{\"v\":\"$(X)\"}}")));

    assertThat(result)
        .isInstanceOfSatisfying(
            PodEnv.Result.Resolved.class, r -> assertThat(r.env()).containsEntry("V", "$(X)"));
  }

  @Test
  void resourceFieldRefsGiveLimitsAndRequestsDividedAndRoundedUp() {
    Map<String, String> env =
        env(
            """
            name: app
            resources:
              limits: {cpu: 1500m, memory: 200Mi}
              requests: {cpu: 250m}
            env:
            - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
            - {name: CPU_MILLIS, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
            - {name: CPU_REQUEST, valueFrom: {resourceFieldRef: {resource: requests.cpu}}}
            - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
            - {name: MEM_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
            - {name: MEM_G, valueFrom: {resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1G}}}
            - {name: MEM_REQUEST, valueFrom: {resourceFieldRef: {resource: requests.memory}}}
            """);

    assertThat(env)
        .containsEntry("CPU_LIMIT", "2")
        .containsEntry("CPU_MILLIS", "1500")
        .containsEntry("CPU_REQUEST", "1")
        .containsEntry("MEM", "209715200")
        .containsEntry("MEM_MI", "200")
        .containsEntry("MEM_G", "1")
        .containsEntry("MEM_REQUEST", "209715200");
  }

  @Test
  void withoutLimitsResourceFieldRefsGiveTheMachinesAllocatableAndZeroRequests() {
    Map<String, String> env =
        env(
            """
            env:
            - {name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
            - {name: MEM_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
            - {name: CPU_REQUEST, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
            """);

    assertThat(env)
        .containsEntry("CPU", "4")
        .containsEntry("MEM_MI", "8192")
        .containsEntry("CPU_REQUEST", "0");
  }

  @Test
  void unsupportedSourcesAndFieldPathsAreNamed() {
    assertThat(failure("env: [{name: F, valueFrom: {fileKeyRef: {path: a}}}]"))
        .startsWith("env F: valueFrom supports configMapKeyRef, secretKeyRef, fieldRef and")
        .endsWith("not fileKeyRef");
    assertThat(
            failure(
                "env: [{name: S, valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage}}}]"))
        .startsWith("env S: resourceFieldRef.resource 'limits.ephemeral-storage' is not supported");
    assertThat(
            failure(
                "env: [{name: D, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 2x}}}]"))
        .isEqualTo(
            "env D: resourceFieldRef.divisor: '2x' is not a quantity (e.g. 500m, 2, 128Mi, 1G)");
    assertThat(
            failure(
                "{name: a, env: [{name: O, valueFrom: {resourceFieldRef: {containerName: b, resource: limits.cpu}}}]}"))
        .startsWith("env O: resourceFieldRef.containerName 'b' is another container");
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
