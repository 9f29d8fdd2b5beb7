package dev.pilothouse.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one CLI invocation works with: output streams, environment, the resolved server and token,
 * and (lazily) the API client and the server's kinds.
 */
final class Session {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  private final RootCommand root;
  private ApiClient client;
  private Discovery discovery;

  Session(RootCommand root) {
    this.root = root;
  }

  /** The session of the invocation that {@code spec} (any command's spec) belongs to. */
  static Session of(CommandSpec spec) {
    return ((RootCommand) spec.root().userObject()).session();
  }

  PrintWriter out() {
    return root.out();
  }

  Clock clock() {
    return Clock.systemUTC();
  }

  ConfigFile configFile() {
    String explicit = root.options().config;
    String path = explicit != null ? explicit : env("PILOTHOUSE_CONFIG");
    if (path != null) {
      return new ConfigFile(Path.of(path));
    }
    return new ConfigFile(Path.of(System.getProperty("user.home"), ".pilothouse", "config"));
  }

  ApiClient client() {
    if (client == null) {
      client = resolveClient();
    }
    return client;
  }

  Discovery discovery() {
    if (discovery == null) {
      discovery = Discovery.load(client());
    }
    return discovery;
  }

  /** Flag, then an explicitly named context, then the environment, then the current context. */
  private ApiClient resolveClient() {
    GlobalOptions options = root.options();
    CliConfig config = configFile().load();
    Optional<CliConfig.Context> named = Optional.empty();
    if (options.context != null) {
      named = Optional.of(config.find(options.context).orElseThrow(() -> unknown(config)));
    }
    Optional<CliConfig.Context> current = named.isPresent() ? named : config.current();
    String server =
        first(
            options.server,
            named.map(CliConfig.Context::server).orElse(null),
            env("PILOTHOUSE_SERVER"),
            current.map(CliConfig.Context::server).orElse(null),
            DEFAULT_SERVER);
    // A context's token goes only to that context's server, never to one named by flag or env.
    String contextToken =
        current.filter(c -> server.equals(c.server())).map(CliConfig.Context::token).orElse(null);
    String token =
        first(
            options.token,
            named.map(CliConfig.Context::token).orElse(null),
            env("PILOTHOUSE_TOKEN"),
            contextToken);
    return new ApiClient(server, token);
  }

  private CliException unknown(CliConfig config) {
    String known =
        config.contexts().stream().map(CliConfig.Context::name).collect(Collectors.joining(", "));
    return CliException.usage(
        "unknown context '" + root.options().context + "' (known: " + known + ")");
  }

  String env(String name) {
    String value = root.env().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static String first(String... values) {
    return Stream.of(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
  }
}
