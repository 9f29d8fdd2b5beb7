package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** Loads and saves {@link CliConfig}; the file holds tokens, so it is kept private (0600). */
final class ConfigFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path path;

  ConfigFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** The saved config, or an empty one when the file does not exist yet. */
  CliConfig load() {
    if (!Files.exists(path)) {
      return CliConfig.empty();
    }
    try {
      List<JsonNode> docs = Yaml.readAll(Files.readString(path), path.toString());
      return docs.isEmpty()
          ? CliConfig.empty()
          : Json.MAPPER.treeToValue(docs.get(0), CliConfig.class);
    } catch (IOException e) {
      throw new CliException(path + ": cannot read config: " + e.getMessage(), 1, e);
    }
  }

  void save(CliConfig config) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      String yaml = Yaml.write(Json.MAPPER.valueToTree(config));
      if (posix()) {
        // Create private before writing so the token is never readable by others, even briefly.
        if (!Files.exists(path)) {
          Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(path, OWNER_ONLY);
      }
      Files.writeString(path, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(path + ": cannot write config: " + e.getMessage(), 1, e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
