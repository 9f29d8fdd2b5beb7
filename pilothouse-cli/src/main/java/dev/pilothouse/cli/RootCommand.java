package dev.pilothouse.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code pilothouse} root command: global options and the built-in subcommands. */
@Command(
    name = "pilothouse",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    version = "pilothouse 0.1.0",
    description = "Pilothouse control plane command line.",
    subcommands = {
      LoginCommand.class,
      ConfigCommand.class,
      ApplyCommand.class,
      GetCommand.class,
      DeleteCommand.class,
      DescribeCommand.class,
      TeamsCommand.class,
      UsersCommand.class,
      TokensCommand.class,
      NamespacesCommand.class,
      AuditCommand.class,
      WhoamiCommand.class,
      RolloutsCommand.class,
      EventsCommand.class,
      ClustersCommand.class,
      SloCommand.class,
      LogsCommand.class,
      LoadCommand.class,
      FlagsCommand.class,
      AdminCommand.class
    })
final class RootCommand implements Runnable {
  @Mixin private GlobalOptions options = new GlobalOptions();
  @Spec private CommandSpec spec;

  private final Map<String, String> env;
  private Session session;

  RootCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  GlobalOptions options() {
    return options;
  }

  Map<String, String> env() {
    return env;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  Session session() {
    if (session == null) {
      session = new Session(this);
    }
    return session;
  }
}
