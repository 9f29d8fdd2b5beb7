package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyTest {
  private static final String MANIFEST =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        color: blue
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata:
        name: web
        namespace: shop
      spec:
        replicas: 3
      """;

  @TempDir Path dir;
  private FakeApi api;
  private CliRun cli;

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
    cli = new CliRun(dir).env("PILOTHOUSE_SERVER", api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void apply_of_a_multi_document_file_creates_each_object_and_reapply_is_idempotent()
      throws IOException {
    Path file = write("app.yaml", MANIFEST);

    CliRun.Result first = cli.run("apply", "-f", file.toString());
    CliRun.Result second = cli.run("apply", "-f", file.toString());

    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .isEqualTo("configmap/settings created\nrollout.argoproj.io/web created\n");
    assertThat(api.writes())
        .extracting(FakeApi.Request::path)
        .startsWith(
            "/apis/core/v1/namespaces/default/configmaps",
            "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out())
        .isEqualTo("configmap/settings unchanged\nrollout.argoproj.io/web unchanged\n");
  }

  @Test
  void reapply_reads_again_when_a_controller_writes_between_its_read_and_its_write()
      throws IOException {
    Path file = write("app.yaml", MANIFEST);
    cli.run("apply", "-f", file.toString());
    api.resources.writeAfterNextReads("rollouts", "shop", "web", 2);

    CliRun.Result result = cli.run("apply", "-f", file.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo("configmap/settings unchanged\nrollout.argoproj.io/web unchanged\n");
  }

  @Test
  void reapply_gives_up_after_five_conflicts_in_a_row() throws IOException {
    Path file = write("app.yaml", MANIFEST);
    cli.run("apply", "-f", file.toString());
    api.resources.writeAfterNextReads("rollouts", "shop", "web", 5);

    CliRun.Result result = cli.run("apply", "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("document 2").contains("resourceVersion mismatch");
  }

  @Test
  void reapplying_a_changed_document_reports_it_configured() throws IOException {
    Path file = write("app.yaml", MANIFEST);
    cli.run("apply", "-f", file.toString());
    write("app.yaml", MANIFEST.replace("blue", "green"));

    CliRun.Result result = cli.run("apply", "-f", file.toString());

    assertThat(result.out())
        .isEqualTo("configmap/settings configured\nrollout.argoproj.io/web unchanged\n");
  }

  @Test
  void a_directory_applies_its_manifest_files_in_name_order_into_the_given_namespace()
      throws IOException {
    write("b.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    write("a.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
    write("notes.txt", "not a manifest");

    CliRun.Result result = cli.run("apply", "-n", "team", "-f", dir.toString());

    assertThat(result.out()).isEqualTo("configmap/a created\nconfigmap/b created\n");
    assertThat(api.writes())
        .extracting(FakeApi.Request::path)
        .containsOnly("/apis/core/v1/namespaces/team/configmaps");
  }

  @Test
  void broken_yaml_fails_with_the_file_name_and_sends_nothing() throws IOException {
    Path good = write("a.yaml", MANIFEST);
    Path broken = write("broken.yaml", "apiVersion: v1\nkind: [unclosed\n");

    CliRun.Result result = cli.run("apply", "-f", good.toString(), "-f", broken.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: ").contains("broken.yaml").hasLineCount(1);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void a_document_without_kind_is_named_by_file_and_index() throws IOException {
    Path file = write("app.yaml", MANIFEST + "---\napiVersion: v1\nmetadata: {name: x}\n");

    CliRun.Result result = cli.run("apply", "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("app.yaml (document 3)").contains("kind");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void a_rejected_document_is_reported_as_field_and_message_while_the_others_are_applied()
      throws IOException {
    api.on(
        "POST",
        "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts",
        422,
        """
        {"type":"about:blank","title":"Unprocessable","status":422,"detail":"invalid",
         "errors":[{"field":"spec.replicas","message":"integer expected"}]}
        """);
    Path file = write("app.yaml", MANIFEST);

    CliRun.Result result = cli.run("apply", "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("configmap/settings created\n");
    assertThat(result.err())
        .isEqualTo("error: " + file + " (document 2): spec.replicas: integer expected (422)\n");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
