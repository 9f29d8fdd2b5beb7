package dev.pilothouse.server;

import java.nio.file.Path;
import java.util.Map;

/** Where the CLI keeps its contexts: {@code $PILOTHOUSE_CONFIG} or {@code ~/.pilothouse/config}. */
final class ConfigLocation {
  private ConfigLocation() {}

  static Path path(Map<String, String> env) {
    String configured = env.get("PILOTHOUSE_CONFIG");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".pilothouse", "config");
  }
}
