package dev.pilothouse.cli;

import picocli.CommandLine;

/**
 * Adds commands to the {@code pilothouse} root command without the CLI depending on the module that
 * provides them (e.g. the server module adds {@code serve}). Implementations are found with {@link
 * java.util.ServiceLoader}, so they are listed in {@code
 * META-INF/services/dev.pilothouse.cli.CliExtension}.
 *
 * <p>Added commands inherit the global options ({@code --server}, {@code --token}, {@code
 * --context}, {@code --config}, {@code --verbose}, {@code -h}, {@code -V}) and must not redefine
 * those names.
 */
public interface CliExtension {

  /** Registers this extension's subcommands on the root command. */
  void register(CommandLine root);
}
