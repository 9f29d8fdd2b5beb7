package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whoami}: the caller's user, platform role and team roles. */
@Command(name = "whoami", description = "Show who the current token belongs to.")
final class WhoamiCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    JsonNode whoami = session.client().get("/api/v1/whoami");
    PrintWriter out = session.out();
    out.println("user:           " + whoami.path("user").asText());
    out.println("platform admin: " + (whoami.path("platformAdmin").asBoolean() ? "yes" : "no"));
    String teams = Commands.cell(whoami.path("teams"));
    out.println("teams:          " + (teams.isEmpty() ? "<none>" : teams));
    return 0;
  }
}
