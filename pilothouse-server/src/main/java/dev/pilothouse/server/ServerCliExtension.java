package dev.pilothouse.server;

import dev.pilothouse.cli.CliExtension;
import picocli.CommandLine;

/** Adds {@code serve} and {@code demo} to the {@code pilothouse} command. */
public final class ServerCliExtension implements CliExtension {
  @Override
  public void register(CommandLine root) {
    root.addSubcommand("serve", new ServeCommand());
    root.addSubcommand("demo", new DemoCommand());
  }
}
