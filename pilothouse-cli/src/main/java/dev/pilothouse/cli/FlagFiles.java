package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** flagd flag files: finding, reading and parsing them, and importing one as a FeatureFlagSet. */
final class FlagFiles {
  static final String SETS = "/apis/pilothouse.dev/v1alpha1/namespaces/";

  private FlagFiles() {}

  /**
   * Creates or replaces the FeatureFlagSet {@code setName} in {@code namespace} from a flagd
   * document, with {@code labels}; returns the line to print (created, updated or unchanged).
   */
  static String importOne(
      ApiClient client,
      String namespace,
      Path file,
      String setName,
      JsonNode document,
      Map<String, String> labels) {
    ObjectNode body = Json.object();
    body.put("apiVersion", "pilothouse.dev/v1alpha1").put("kind", "FeatureFlagSet");
    ObjectNode metadata =
        body.putObject("metadata").put("name", setName).put("namespace", namespace);
    if (!labels.isEmpty()) {
      labels.forEach(metadata.putObject("labels")::put);
    }
    body.set("spec", document);
    String label = "featureflagset/" + setName + " (" + file.getFileName() + ")";
    String collection = SETS + Commands.segment(namespace) + "/featureflagsets";
    try {
      client.post(collection, body);
      return label + " created in " + namespace;
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw new CliException(file + ": " + e.getMessage(), CliException.FAILURE, e);
      }
    }
    String path = collection + "/" + Commands.segment(setName);
    String before = client.get(path).path("metadata").path("resourceVersion").asText("");
    ((ObjectNode) body.get("metadata")).put("resourceVersion", before);
    try {
      String after = client.put(path, body).path("metadata").path("resourceVersion").asText("");
      return label + (before.equals(after) ? " unchanged" : " updated") + " in " + namespace;
    } catch (ApiException e) {
      throw new CliException(file + ": " + e.getMessage(), CliException.FAILURE, e);
    }
  }

  /** A FeatureFlagSet name from a file name: lower case, other characters as '-'. */
  static String setName(Path file) {
    String base = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
    String name =
        base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty()) {
      throw CliException.usage(file + ": cannot derive a flag set name; use --name");
    }
    return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
  }

  static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.(json|ya?ml)$"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw CliException.failure(dir + ": cannot list: " + e.getMessage());
    }
  }

  static JsonNode readOne(String file) {
    String text;
    if (file.equals("-")) {
      try {
        text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.failure("cannot read stdin: " + e.getMessage());
      }
    } else {
      text = read(Path.of(file));
    }
    return parseOne(file, text);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot read: " + e.getMessage());
    }
  }

  /** One JSON or YAML object; anything else is a usage error naming the file. */
  static JsonNode parseOne(String source, String text) {
    List<JsonNode> docs;
    try {
      docs = new ArrayList<>(Yaml.readAll(text, source));
    } catch (PilothouseException e) {
      throw CliException.usage(e.getMessage());
    }
    if (docs.size() != 1 || !docs.getFirst().isObject()) {
      throw CliException.usage(source + ": must hold exactly one JSON or YAML object");
    }
    return docs.getFirst();
  }
}
