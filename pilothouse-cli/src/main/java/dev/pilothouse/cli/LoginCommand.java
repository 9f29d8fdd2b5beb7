package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code login --server URL --token TOKEN [--name CONTEXT]}: checks the token with {@code whoami},
 * then saves it as a context of the config file and makes that context current. {@code --server}
 * and {@code --token} are the global options (or their environment variables).
 */
@Command(name = "login", description = "Verify a token and save it as the current context.")
final class LoginCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--name",
      paramLabel = "CONTEXT",
      description = "Context name (default: the server's host:port).")
  String name;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    GlobalOptions options = ((RootCommand) spec.root().userObject()).options();
    String server = firstNonNull(options.server, session.env("PILOTHOUSE_SERVER"));
    String token = firstNonNull(options.token, session.env("PILOTHOUSE_TOKEN"));
    if (server == null || token == null) {
      throw CliException.usage("login needs --server URL and --token TOKEN");
    }
    ApiClient client = new ApiClient(server, token);
    JsonNode whoami = client.get("/api/v1/whoami");
    String context = name != null ? name : defaultName(server);
    ConfigFile file = session.configFile();
    CliConfig config =
        file.load().withContext(new CliConfig.Context(context, client.server(), token));
    file.save(config.withCurrent(context));
    session
        .out()
        .println(
            "logged in to "
                + client.server()
                + " as "
                + whoami.path("user").asText()
                + " (context "
                + context
                + ")");
    return 0;
  }

  private static String defaultName(String server) {
    try {
      URI uri = URI.create(server);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid server URL '" + server + "'");
    }
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
