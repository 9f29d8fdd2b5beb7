package dev.pilothouse.cli;

import picocli.CommandLine.Command;

/** {@code admin}: operations for platform administrators. */
@Command(
    name = "admin",
    description = "Platform administration.",
    subcommands = {ReencryptCommand.class})
final class AdminCommand {}
