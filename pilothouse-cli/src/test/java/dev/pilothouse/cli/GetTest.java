package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetTest {
  @TempDir Path dir;
  private FakeApi api;
  private CliRun cli;

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
    cli = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url());
    api.resources.put("rollouts", rollout("shop", "web", 3, "Healthy"));
    api.resources.put("rollouts", rollout("shop", "api", 2, "Progressing"));
    api.resources.put("rollouts", rollout("default", "docs", 1, "Healthy"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  static ObjectNode rollout(String ns, String name, int replicas, String phase) {
    ObjectNode rollout =
        (ObjectNode)
            Json.parse(
                "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Rollout\",\"metadata\":{}}");
    ((ObjectNode) rollout.get("metadata")).put("name", name).put("namespace", ns);
    rollout.putObject("spec").put("replicas", replicas);
    rollout.putObject("status").put("phase", phase);
    return rollout;
  }

  @Test
  void table_output_shows_name_kind_aware_columns_and_age() {
    CliRun.Result result = cli.run("get", "rollouts", "-n", "shop");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "NAME   REPLICAS   STATUS        AGE",
            "api    2          Progressing   5m",
            "web    3          Healthy       5m");
  }

  @Test
  void all_namespaces_adds_a_namespace_column_and_lists_across_namespaces() {
    CliRun.Result result = cli.run("get", "Rollout.argoproj.io", "-A");

    assertThat(result.out().lines().findFirst())
        .hasValue("NAMESPACE   NAME   REPLICAS   STATUS        AGE");
    assertThat(result.out()).contains("default").contains("shop");
    assertThat(api.requests())
        .last()
        .extracting(FakeApi.Request::path)
        .isEqualTo("/apis/argoproj.io/v1alpha1/rollouts");
  }

  @Test
  void json_output_of_one_object_is_the_object() {
    CliRun.Result result = cli.run("get", "rollout", "web", "-n", "shop", "-o", "json");

    JsonNode object = Json.parse(result.out());
    assertThat(object.path("metadata").path("name").asText()).isEqualTo("web");
    assertThat(object.path("spec").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void yaml_output_of_a_list_is_the_list() {
    CliRun.Result result = cli.run("get", "rollouts", "-n", "shop", "-o", "yaml");

    JsonNode list = Yaml.readAll(result.out(), "out").get(0);
    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items")).hasSize(2);
  }

  @Test
  void name_output_prints_type_and_name() {
    CliRun.Result result = cli.run("get", "ROLLOUTS", "-n", "shop", "-o", "name");

    assertThat(result.out()).isEqualTo("rollout.argoproj.io/api\nrollout.argoproj.io/web\n");
  }

  @Test
  void the_label_selector_is_passed_to_the_server() {
    cli.run("get", "configmaps", "-l", "app=web,tier!=db");

    assertThat(api.requests())
        .last()
        .extracting(FakeApi.Request::query)
        .isEqualTo("labelSelector=app%3Dweb%2Ctier%21%3Ddb");
  }

  @Test
  void an_unknown_kind_is_a_usage_error_listing_the_known_kinds() {
    CliRun.Result result = cli.run("get", "foo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: unknown kind 'foo' (known: configmap, rollout)\n");
  }

  @Test
  void a_missing_object_fails_with_the_servers_message() {
    CliRun.Result result = cli.run("get", "rollout", "nope", "-n", "shop");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: rollouts shop/nope not found\n");
  }

  @Test
  void delete_by_kind_and_name_prints_what_was_deleted() {
    CliRun.Result result = cli.run("delete", "rollout", "web", "-n", "shop");

    assertThat(result.out()).isEqualTo("rollout.argoproj.io/web deleted\n");
    assertThat(cli.run("get", "rollout", "web", "-n", "shop").exitCode()).isEqualTo(1);
  }

  @Test
  void describe_shows_metadata_spec_and_status() {
    CliRun.Result result = cli.run("describe", "rollout", "web", "-n", "shop");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Name:             web")
        .contains("Namespace:        shop")
        .contains("Labels:           <none>")
        .contains("Spec:\n  replicas: 3")
        .contains("Status:\n  phase: Healthy")
        .doesNotContain("Audit");
  }
}
