package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.flags.FlagDiff;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flags get|set|enable|disable|kill|history|import|sync}: feature flag operations. */
@Command(
    name = "flags",
    description = "Read and change feature flags per environment (namespace); kill switch.")
final class FlagsCommand implements Runnable {
  private static final String SETS = "/apis/pilothouse.dev/v1alpha1/namespaces/";

  @Spec private CommandSpec spec;

  @Option(
      names = {"-n", "--namespace", "--environment"},
      defaultValue = "default",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      paramLabel = "ENV",
      description = "Environment, i.e. namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "get", description = "List the environment's flags, or show one flag.")
  int get(
      @Parameters(paramLabel = "KEY", arity = "0..1") String key,
      @Option(
              names = {"-o", "--output"},
              defaultValue = "table",
              description = "table, yaml or json")
          Output output) {
    Session session = Session.of(spec);
    JsonNode result = session.client().get(flagsPath() + (key == null ? "" : "/" + seg(key)));
    PrintWriter out = session.out();
    switch (output) {
      case json -> out.println(Output.prettyJson(result));
      case yaml -> out.println(Output.yaml(result));
      case name -> {
        for (JsonNode f : key == null ? result.path("items") : List.of(result)) {
          out.println(f.path("key").asText());
        }
      }
      case table -> {
        TextTable table =
            new TextTable(List.of("KEY", "STATE", "DEFAULT", "VARIANTS", "TARGETING", "SET"));
        for (JsonNode f : key == null ? result.path("items") : List.of(result)) {
          table.row(
              List.of(
                  f.path("key").asText(),
                  f.path("state").asText(),
                  Commands.cell(f.path("defaultVariant")),
                  Commands.cell(f.path("variants")),
                  f.path("targeting").isObject() && !f.path("targeting").isEmpty() ? "yes" : "-",
                  f.path("flagSet").asText()));
        }
        table.print(out);
      }
    }
    return 0;
  }

  @Command(
      name = "set",
      description =
          "Set a flag's whole definition from a flagd flag (JSON or YAML file, - for stdin).")
  int set(
      @Parameters(paramLabel = "KEY") String key,
      @Option(
              names = {"-f", "--file"},
              required = true,
              paramLabel = "FILE")
          String file,
      @Option(
              names = "--flag-set",
              paramLabel = "NAME",
              description = "FeatureFlagSet to put it in (default: the one serving it, or 'flags')")
          String flagSet) {
    Session session = Session.of(spec);
    JsonNode definition = readOne(file);
    String path =
        flagsPath() + "/" + seg(key) + (flagSet == null ? "" : "?flagSet=" + seg(flagSet));
    JsonNode result = session.client().put(path, definition);
    session
        .out()
        .println(
            "flag "
                + key
                + " set in "
                + namespace
                + " ("
                + result.path("state").asText()
                + ", flag set "
                + result.path("flagSet").asText()
                + ")");
    return 0;
  }

  @Command(name = "enable", description = "Enable a flag in the environment.")
  int enable(@Parameters(paramLabel = "KEY") String key) {
    return state(key, "enable");
  }

  @Command(name = "disable", description = "Disable a flag in the environment.")
  int disable(@Parameters(paramLabel = "KEY") String key) {
    return state(key, "disable");
  }

  @Command(
      name = "kill",
      description = "Kill switch: disable a flag in every environment that defines it.")
  int kill(@Parameters(paramLabel = "KEY") String key) {
    Session session = Session.of(spec);
    JsonNode result = session.client().post("/api/v1/flags/" + seg(key) + ":kill", Json.object());
    for (JsonNode e : result.path("environments")) {
      session
          .out()
          .println(
              "flag "
                  + key
                  + " disabled in "
                  + e.path("environment").asText()
                  + " (flag set "
                  + e.path("flagSet").asText()
                  + ", was "
                  + e.path("previousState").asText()
                  + ")");
    }
    return 0;
  }

  @Command(
      name = "history",
      description = "Who changed a flag, when, and what changed (newest first).")
  int history(
      @Parameters(paramLabel = "KEY") String key,
      @Option(names = "--all-environments", description = "Every environment you may read.")
          boolean all,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit) {
    Session session = Session.of(spec);
    String path =
        "/api/v1/flags/"
            + seg(key)
            + "/history?limit="
            + limit
            + (all ? "" : "&environment=" + seg(namespace));
    TextTable table = new TextTable(List.of("TIME", "ENVIRONMENT", "WHO", "CHANGE", "DIFF"));
    for (JsonNode e : session.client().get(path).path("items")) {
      JsonNode a = e.path("attributes");
      table.row(
          List.of(
              e.path("time").asText(),
              e.path("namespace").asText(),
              a.path("actor").asText(),
              e.path("type").asText().replace("flag.", ""),
              FlagDiff.describe(a.path("before").asText(""), a.path("after").asText(""))));
    }
    table.print(session.out());
    return 0;
  }

  @Command(
      name = "import",
      description =
          "Import flagd flag files (JSON or YAML) as FeatureFlagSets, one per file, into the"
              + " environment.")
  int importFiles(
      @Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files,
      @Option(
              names = "--name",
              paramLabel = "NAME",
              description = "FeatureFlagSet name (one file only; default: from the file name)")
          String name) {
    if (name != null && files.size() > 1) {
      throw CliException.usage("--name needs exactly one file");
    }
    Session session = Session.of(spec);
    for (Path file : files) {
      String setName = name != null ? name : setName(file);
      session.out().println(importOne(session.client(), file, setName, readOne(file.toString())));
    }
    return 0;
  }

  @Command(
      name = "sync",
      description =
          "Keep the environment's flag sets in step with a folder of flagd files: import every"
              + " *.json/*.yaml/*.yml now and again whenever one changes.")
  int sync(
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir,
      @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS") int interval,
      @Option(names = "--once", description = "Import once and exit.") boolean once)
      throws InterruptedException {
    if (!Files.isDirectory(dir)) {
      throw CliException.usage(dir + ": not a directory");
    }
    Session session = Session.of(spec);
    Map<Path, String> seen = new HashMap<>();
    int failures = 0;
    do {
      for (Path file : flagFiles(dir)) {
        String text = read(file);
        if (text.equals(seen.get(file))) {
          continue;
        }
        seen.put(file, text);
        try {
          JsonNode doc = parseOne(file.toString(), text);
          session.out().println(importOne(session.client(), file, setName(file), doc));
        } catch (CliException | PilothouseException e) {
          // One bad file must not stop the others, nor a running sync.
          session.out().println("error: " + e.getMessage());
          failures++;
        }
        session.out().flush();
      }
      if (!once) {
        Thread.sleep(interval * 1000L);
      }
    } while (!once);
    return failures == 0 ? 0 : CliException.FAILURE;
  }

  private int state(String key, String action) {
    Session session = Session.of(spec);
    JsonNode result =
        session.client().post(flagsPath() + "/" + seg(key) + ":" + action, Json.object());
    session
        .out()
        .println(
            "flag "
                + key
                + " "
                + result.path("state").asText().toLowerCase(Locale.ROOT)
                + " in "
                + namespace);
    return 0;
  }

  private String importOne(ApiClient client, Path file, String setName, JsonNode document) {
    ObjectNode body = Json.object();
    body.put("apiVersion", "pilothouse.dev/v1alpha1").put("kind", "FeatureFlagSet");
    body.putObject("metadata").put("name", setName).put("namespace", namespace);
    body.set("spec", document);
    String label = "featureflagset/" + setName + " (" + file.getFileName() + ")";
    String collection = SETS + seg(namespace) + "/featureflagsets";
    try {
      client.post(collection, body);
      return label + " created in " + namespace;
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw new CliException(file + ": " + e.getMessage(), CliException.FAILURE, e);
      }
    }
    String path = collection + "/" + seg(setName);
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

  private static List<Path> flagFiles(Path dir) {
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

  private static JsonNode readOne(String file) {
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

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot read: " + e.getMessage());
    }
  }

  /** One JSON or YAML object; anything else is a usage error naming the file. */
  private static JsonNode parseOne(String source, String text) {
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

  private String flagsPath() {
    return "/api/v1/namespaces/" + seg(namespace) + "/flags";
  }

  private static String seg(String value) {
    return Commands.segment(value);
  }
}
