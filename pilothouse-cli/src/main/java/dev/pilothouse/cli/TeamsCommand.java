package dev.pilothouse.cli;

import dev.pilothouse.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code teams create|list|add-member|remove-member}. */
@Command(name = "teams", description = "Manage teams and their members.")
final class TeamsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "create", description = "Create a team.")
  int create(@Parameters(paramLabel = "TEAM") String team) {
    Session session = Session.of(spec);
    session.client().post("/api/v1/teams", Json.object().put("name", team));
    session.out().println("team " + team + " created");
    return 0;
  }

  @Command(name = "list", description = "List teams.")
  int list() {
    Session session = Session.of(spec);
    Commands.printItems(
        session.out(), session.client().get("/api/v1/teams"), "NAME", "name", "MEMBERS", "members");
    return 0;
  }

  @Command(name = "add-member", description = "Add a user to a team, or change their role.")
  int addMember(
      @Parameters(paramLabel = "TEAM") String team,
      @Parameters(paramLabel = "USER") String user,
      @Option(names = "--role", required = true, description = "viewer, editor or admin")
          String role) {
    Session session = Session.of(spec);
    session.client().put(memberPath(team, user), Json.object().put("role", role));
    session.out().println(user + " is now " + role + " of team " + team);
    return 0;
  }

  @Command(name = "remove-member", description = "Remove a user from a team.")
  int removeMember(
      @Parameters(paramLabel = "TEAM") String team, @Parameters(paramLabel = "USER") String user) {
    Session session = Session.of(spec);
    session.client().delete(memberPath(team, user));
    session.out().println(user + " removed from team " + team);
    return 0;
  }

  private static String memberPath(String team, String user) {
    return "/api/v1/teams/" + Commands.segment(team) + "/members/" + Commands.segment(user);
  }
}
