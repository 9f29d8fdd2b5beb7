package dev.pilothouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** An extension as the server module would write one, found through META-INF/services. */
public final class TestExtension implements CliExtension {

  @Override
  public void register(CommandLine root) {
    root.addSubcommand(new CommandLine(new Hello()));
  }

  /** Prints the server it would talk to, proving global options reach extension commands. */
  @Command(name = "hello")
  static final class Hello implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      RootCommand root = (RootCommand) spec.root().userObject();
      spec.commandLine().getOut().println("hello " + root.options().server);
    }
  }
}
