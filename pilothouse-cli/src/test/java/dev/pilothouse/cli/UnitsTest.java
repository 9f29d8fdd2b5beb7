package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitsTest {
  @TempDir Path dir;

  @Test
  void the_core_group_is_served_under_the_core_segment() {
    ApiKind configMap = new ApiKind("", "v1", "ConfigMap", "configmaps", true, false);
    ApiKind namespace = new ApiKind("", "v1", "Namespace", "namespaces", false, false);

    assertThat(ApiKind.apiPath("", "v1")).isEqualTo("/apis/core/v1");
    assertThat(configMap.objectPath("shop", "x"))
        .isEqualTo("/apis/core/v1/namespaces/shop/configmaps/x");
    assertThat(namespace.objectPath("shop", "x")).isEqualTo("/apis/core/v1/namespaces/x");
    assertThat(configMap.ref()).isEqualTo("configmap");
  }

  @Test
  void kinds_resolve_by_kind_plural_singular_and_plural_dot_group() {
    ApiKind rollout = new ApiKind("argoproj.io", "v1alpha1", "Rollout", "rollouts", true, true);

    assertThat(rollout.matches("Rollout")).isTrue();
    assertThat(rollout.matches("rollouts")).isTrue();
    assertThat(rollout.matches("ROLLOUT")).isTrue();
    assertThat(rollout.matches("rollouts.argoproj.io")).isTrue();
    assertThat(rollout.matches("roll")).isFalse();
  }

  @Test
  void extensions_add_commands_that_see_the_global_options() {
    CliRun.Result result = new CliRun(dir).run("hello", "--server", "http://example:1");

    assertThat(result.out()).isEqualTo("hello http://example:1\n");
  }
}
