package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.flags.FlagDiff;
import dev.pilothouse.core.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    JsonNode definition = FlagFiles.readOne(file);
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
      String setName = name != null ? name : FlagFiles.setName(file);
      session
          .out()
          .println(
              FlagFiles.importOne(
                  session.client(),
                  namespace,
                  file,
                  setName,
                  FlagFiles.readOne(file.toString()),
                  Map.of()));
    }
    return 0;
  }

  @Command(
      name = "sync",
      description =
          "Keep the environment's flag sets in step with a folder of flagd files, or a folder of"
              + " a Git repository: import every *.json/*.yaml/*.yml now and again whenever one"
              + " changes; delete the sets whose file was removed.")
  int sync(
      @Option(names = "--dir", paramLabel = "DIR", description = "A local folder.") Path dir,
      @Option(names = "--git", paramLabel = "URL", description = "A Git repository to clone.")
          String git,
      @Option(
              names = "--path",
              paramLabel = "PATH",
              description = "With --git: the folder inside the repository (default: its root).")
          String gitPath,
      @Option(
              names = "--ref",
              paramLabel = "REF",
              description = "With --git: a branch or tag (default: the remote's default branch).")
          String ref,
      @Option(
              names = "--keep-removed",
              description = "Keep the flag sets whose file was removed (default: delete them).")
          boolean keepRemoved,
      @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS") int interval,
      @Option(names = "--once", description = "Sync once and exit.") boolean once,
      @Option(
              names = "--webhook-listen",
              paramLabel = "[HOST:]PORT",
              description =
                  "With --git: also sync at once when GitHub or GitLab posts a push webhook to"
                      + " http://HOST:PORT/hooks/git (default host: all interfaces).")
          String webhookListen,
      @Option(
              names = "--webhook-secret-file",
              paramLabel = "FILE",
              description =
                  "The webhook's shared secret (default: environment variable "
                      + WEBHOOK_SECRET_ENV
                      + ").")
          Path webhookSecretFile)
      throws InterruptedException {
    if ((dir == null) == (git == null)) {
      throw CliException.usage("give exactly one of --dir DIR or --git URL");
    }
    if (git == null && (gitPath != null || ref != null || webhookListen != null)) {
      throw CliException.usage("--path, --ref and --webhook-listen go with --git");
    }
    if (dir != null && !Files.isDirectory(dir)) {
      throw CliException.usage(dir + ": not a directory");
    }
    if (webhookListen != null && once) {
      throw CliException.usage("--webhook-listen keeps syncing: it does not go with --once");
    }
    if (interval < 1) {
      throw CliException.usage("--interval must be at least 1 second, not " + interval);
    }
    Session session = Session.of(spec);
    var address = webhookListen == null ? null : WebhookListener.address(webhookListen);
    String secret = webhookListen == null ? null : webhookSecret(session, webhookSecretFile);
    String path = gitPath == null ? "." : gitPath;
    SyncTrigger trigger = new SyncTrigger();
    try (GitCheckout checkout =
            git == null ? null : GitCheckout.clone(git, ref == null ? "" : ref);
        WebhookListener hooks =
            address == null
                ? null
                : WebhookListener.start(
                    address,
                    new PushWebhook(secret, checkout.followedRef()),
                    trigger,
                    session.out())) {
      if (hooks != null) {
        session
            .out()
            .println(
                "webhook: listening on port "
                    + hooks.port()
                    + " at "
                    + WebhookListener.PATH
                    + " for pushes to "
                    + checkout.followedRef());
      }
      Path folder = checkout == null ? dir : checkout.folder(path);
      String source =
          checkout == null ? dir.toAbsolutePath().normalize().toString() : git + "#" + path;
      FlagSync sync =
          new FlagSync(session.client(), namespace, source, !keepRemoved, session.out());
      SyncLoop loop =
          new SyncLoop(
              sync, checkout, folder, session.out(), trigger, Duration.ofSeconds(interval));
      return loop.run(once) == 0 ? 0 : CliException.FAILURE;
    }
  }

  /** Environment variable holding the webhook secret when no file is given. */
  static final String WEBHOOK_SECRET_ENV = "PILOTHOUSE_WEBHOOK_SECRET";

  /** The secret from the file (one trailing line break dropped) or the environment. */
  private static String webhookSecret(Session session, Path file) {
    String secret;
    if (file != null) {
      try {
        secret = Files.readString(file).replaceFirst("\\r?\\n$", "");
      } catch (java.io.IOException e) {
        throw CliException.usage("--webhook-secret-file " + file + ": cannot read it");
      }
    } else {
      secret = session.env(WEBHOOK_SECRET_ENV);
    }
    if (secret == null || secret.isEmpty()) {
      throw CliException.usage(
          "--webhook-listen needs the shared secret: --webhook-secret-file FILE or "
              + WEBHOOK_SECRET_ENV);
    }
    return secret;
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

  private String flagsPath() {
    return "/api/v1/namespaces/" + seg(namespace) + "/flags";
  }

  private static String seg(String value) {
    return Commands.segment(value);
  }
}
