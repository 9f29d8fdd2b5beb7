package dev.pilothouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code config get-contexts} and {@code config use-context NAME}. */
@Command(name = "config", description = "Show or switch the contexts of the config file.")
final class ConfigCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "get-contexts", description = "List the saved contexts.")
  int getContexts() {
    Session session = Session.of(spec);
    CliConfig config = session.configFile().load();
    TextTable table = TextTable.of("CURRENT", "NAME", "SERVER");
    for (CliConfig.Context context : config.contexts()) {
      String current = context.name().equals(config.currentContext()) ? "*" : "";
      table.row(current, context.name(), context.server());
    }
    table.print(session.out());
    return 0;
  }

  @Command(name = "use-context", description = "Make a saved context the current one.")
  int useContext(@Parameters(paramLabel = "NAME") String name) {
    Session session = Session.of(spec);
    ConfigFile file = session.configFile();
    CliConfig config = file.load();
    if (config.find(name).isEmpty()) {
      throw CliException.failure("no context named '" + name + "' in " + file.path());
    }
    file.save(config.withCurrent(name));
    session.out().println("switched to context " + name);
    return 0;
  }
}
