package dev.pilothouse.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts (inherited by subcommands, so they may come before or after the
 * command name). Environment variables and the config file fill in what is not given.
 */
public final class GlobalOptions {
  @Option(
      names = "--context",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Context of the config file to use instead of the current one.")
  String context;

  @Option(
      names = "--server",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Pilothouse server URL (env PILOTHOUSE_SERVER).")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description = "Bearer token (env PILOTHOUSE_TOKEN).")
  String token;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Config file (env PILOTHOUSE_CONFIG; default ~/.pilothouse/config).")
  String config;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;
}
