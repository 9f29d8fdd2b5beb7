package dev.pilothouse.cli;

import dev.pilothouse.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code namespaces assign|list}: which team owns which namespace. */
@Command(name = "namespaces", description = "Assign namespaces to teams.")
final class NamespacesCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "assign", description = "Make a team the owner of a namespace.")
  int assign(
      @Parameters(paramLabel = "NS") String namespace,
      @Option(names = "--team", required = true, paramLabel = "TEAM") String team) {
    Session session = Session.of(spec);
    String path = "/api/v1/namespaces/" + Commands.segment(namespace) + "/owner";
    session.client().put(path, Json.object().put("team", team));
    session.out().println("namespace " + namespace + " assigned to team " + team);
    return 0;
  }

  @Command(name = "list", description = "List namespaces and their owning teams.")
  int list() {
    Session session = Session.of(spec);
    Commands.printItems(
        session.out(),
        session.client().get("/api/v1/namespaces"),
        "NAMESPACE",
        "namespace",
        "TEAM",
        "team");
    return 0;
  }
}
