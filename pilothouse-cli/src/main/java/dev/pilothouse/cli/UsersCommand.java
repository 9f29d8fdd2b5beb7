package dev.pilothouse.cli;

import dev.pilothouse.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code users create|list}. */
@Command(name = "users", description = "Manage users.")
final class UsersCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "create", description = "Create a user.")
  int create(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--platform-admin", description = "Make the user a platform admin.")
          boolean platformAdmin) {
    Session session = Session.of(spec);
    session
        .client()
        .post("/api/v1/users", Json.object().put("name", name).put("platformAdmin", platformAdmin));
    session.out().println("user " + name + " created");
    return 0;
  }

  @Command(name = "list", description = "List users.")
  int list() {
    Session session = Session.of(spec);
    Commands.printItems(
        session.out(),
        session.client().get("/api/v1/users"),
        "NAME",
        "name",
        "PLATFORM-ADMIN",
        "platformAdmin",
        "TEAMS",
        "teams");
    return 0;
  }
}
