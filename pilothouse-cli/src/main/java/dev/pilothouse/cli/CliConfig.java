package dev.pilothouse.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's config file ({@code ~/.pilothouse/config}, YAML):
 *
 * <pre>
 * currentContext: local
 * contexts:
 * - name: local
 *   server: http://127.0.0.1:8080
 *   token: ph_...
 * </pre>
 */
record CliConfig(String currentContext, List<Context> contexts) {

  /** One named server and the token used against it. */
  record Context(String name, String server, String token) {}

  CliConfig {
    contexts = contexts == null ? List.of() : List.copyOf(contexts);
  }

  static CliConfig empty() {
    return new CliConfig(null, List.of());
  }

  Optional<Context> find(String name) {
    return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  Optional<Context> current() {
    return currentContext == null ? Optional.empty() : find(currentContext);
  }

  /** A copy with {@code context} added or replacing the one of the same name. */
  CliConfig withContext(Context context) {
    List<Context> updated = new ArrayList<>();
    contexts.stream().filter(c -> !c.name().equals(context.name())).forEach(updated::add);
    updated.add(context);
    return new CliConfig(currentContext, updated);
  }

  CliConfig withCurrent(String name) {
    return new CliConfig(name, contexts);
  }
}
