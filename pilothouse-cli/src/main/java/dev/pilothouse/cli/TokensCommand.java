package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokens create|list|revoke}. */
@Command(name = "tokens", description = "Manage API tokens.")
final class TokensCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "create", description = "Create a token; its secret is shown only once.")
  int create(
      @Option(names = "--user", required = true, paramLabel = "USER") String user,
      @Option(names = "--description", paramLabel = "TEXT") String description) {
    Session session = Session.of(spec);
    var body = Json.object();
    if (description != null) {
      body.put("description", description);
    }
    String path = "/api/v1/users/" + Commands.segment(user) + "/tokens";
    JsonNode created = session.client().post(path, body);
    session.out().println("id:    " + created.path("id").asText());
    session.out().println("token: " + created.path("token").asText());
    spec.commandLine().getErr().println("store the token now: it cannot be shown again");
    return 0;
  }

  @Command(name = "list", description = "List tokens (never their secrets).")
  int list(@Option(names = "--user", paramLabel = "USER") String user) {
    Session session = Session.of(spec);
    String path = "/api/v1/tokens" + (user == null ? "" : "?user=" + Commands.segment(user));
    Commands.printItems(
        session.out(),
        session.client().get(path),
        "ID",
        "id",
        "USER",
        "user",
        "DESCRIPTION",
        "description",
        "CREATED",
        "created");
    return 0;
  }

  @Command(name = "revoke", description = "Revoke a token.")
  int revoke(@Parameters(paramLabel = "ID") String id) {
    Session session = Session.of(spec);
    session.client().delete("/api/v1/tokens/" + Commands.segment(id));
    session.out().println("token " + id + " revoked");
    return 0;
  }
}
