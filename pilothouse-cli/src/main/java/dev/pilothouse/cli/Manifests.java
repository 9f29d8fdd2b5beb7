package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the documents of {@code -f} arguments: files, directories (their {@code *.yaml}, {@code
 * *.yml} and {@code *.json} files, sorted) and {@code -} for stdin. Everything is read and checked
 * before anything is sent, so a broken file changes nothing on the server.
 */
final class Manifests {
  private Manifests() {}

  static List<Manifest> read(List<String> arguments, InputStream stdin) {
    List<Manifest> manifests = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        manifests.addAll(parse("<stdin>", readStdin(stdin)));
      } else {
        for (Path file : files(Path.of(argument))) {
          manifests.addAll(parse(file.toString(), readFile(file)));
        }
      }
    }
    return manifests;
  }

  private static List<Path> files(Path path) {
    if (!Files.exists(path)) {
      throw CliException.failure(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.filter(Manifests::isManifest).sorted().toList();
    } catch (IOException e) {
      throw new CliException(path + ": cannot list: " + e.getMessage(), CliException.FAILURE, e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static List<Manifest> parse(String source, String text) {
    List<JsonNode> docs = Yaml.readAll(text, source);
    List<Manifest> manifests = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Manifest manifest = check(source, i + 1, docs.get(i));
      manifests.add(manifest);
    }
    return manifests;
  }

  private static Manifest check(String source, int index, JsonNode doc) {
    String where = source + " (document " + index + ")";
    if (!(doc instanceof ObjectNode object)) {
      throw CliException.failure(where + ": not an object");
    }
    Manifest manifest = new Manifest(source, index, object);
    if (manifest.apiVersion().isEmpty() || manifest.kind().isEmpty()) {
      throw CliException.failure(where + ": apiVersion and kind are required");
    }
    if (manifest.name().isEmpty()) {
      throw CliException.failure(where + ": metadata.name is required");
    }
    return manifest;
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(file + ": cannot read: " + e.getMessage(), CliException.FAILURE, e);
    }
  }

  private static String readStdin(InputStream stdin) {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read stdin: " + e.getMessage(), CliException.FAILURE, e);
    }
  }
}
