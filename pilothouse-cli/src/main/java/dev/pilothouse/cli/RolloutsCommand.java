package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rollouts list|status|promote|abort|retry|pause|resume|undo|history}. */
@Command(name = "rollouts", description = "Watch and steer progressive rollouts.")
final class RolloutsCommand implements Runnable {
  private static final String API = "/apis/argoproj.io/v1alpha1/namespaces/";

  @Spec private CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(name = "list", description = "List rollouts with their phase, step and canary weight.")
  int list() {
    Session session = Session.of(spec);
    TextTable table =
        new TextTable(java.util.List.of("NAME", "STATUS", "STEP", "WEIGHT", "READY", "MESSAGE"));
    for (JsonNode r :
        session.client().get(API + Commands.segment(namespace) + "/rollouts").path("items")) {
      JsonNode s = r.path("status");
      table.row(
          java.util.List.of(
              r.path("metadata").path("name").asText(),
              s.path("phase").asText("-"),
              s.path("currentStepIndex").asText("-")
                  + "/"
                  + r.path("spec").path("strategy").path("canary").path("steps").size(),
              s.path("canary").path("weights").path("canary").path("weight").asText("0") + "%",
              s.path("readyReplicas").asInt() + "/" + r.path("spec").path("replicas").asInt(1),
              s.path("message").asText("")));
    }
    table.print(session.out());
    return 0;
  }

  @Command(
      name = "status",
      description =
          "Show a rollout: steps, weights, revisions, analysis. --watch follows it until it is Healthy (exit 0) or Degraded (exit 1).")
  int status(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = {"-w", "--watch"}) boolean watch) {
    Session session = Session.of(spec);
    if (!watch) {
      RolloutView.print(session.out(), session.client().get(path(name)));
      return 0;
    }
    AtomicInteger exit = new AtomicInteger(-1);
    try {
      session
          .client()
          .watch(
              API + Commands.segment(namespace) + "/rollouts?watch=true",
              event -> {
                JsonNode rollout = event.path("object");
                if (!rollout.path("metadata").path("name").asText().equals(name)
                    || exit.get() >= 0) {
                  return;
                }
                session
                    .out()
                    .println("---- " + java.time.LocalTime.now(session.clock()).withNano(0));
                RolloutView.print(session.out(), rollout);
                String phase = rollout.path("status").path("phase").asText();
                if (phase.equals("Healthy") || phase.equals("Degraded")) {
                  exit.set(phase.equals("Healthy") ? 0 : 1);
                  throw new StopWatch();
                }
              });
    } catch (StopWatch done) {
      return exit.get();
    }
    return 0;
  }

  @Command(
      name = "promote",
      description = "Move past the current pause or step; --full skips all remaining steps.")
  int promote(
      @Parameters(paramLabel = "NAME") String name, @Option(names = "--full") boolean full) {
    return act(name, "promote" + (full ? "?full=true" : ""), "promoted");
  }

  @Command(
      name = "abort",
      description = "Send all traffic back to stable now and scale the canary down.")
  int abort(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "abort", "aborted");
  }

  @Command(name = "retry", description = "Start an aborted update's steps again.")
  int retry(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "retry", "retrying");
  }

  @Command(name = "pause", description = "Hold the rollout where it is (spec.paused).")
  int pause(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "pause", "paused");
  }

  @Command(name = "resume", description = "Let a paused rollout continue.")
  int resume(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "resume", "resumed");
  }

  @Command(
      name = "undo",
      description = "Roll the template back to the previous revision (or --to-revision N).")
  int undo(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--to-revision", paramLabel = "N") Integer revision) {
    JsonNode result =
        perform(name, "undo" + (revision == null ? "" : "?toRevision=" + revision), "rolled back");
    JsonNode flag =
        result
            .path("spec")
            .path("strategy")
            .path("canary")
            .path("trafficRouting")
            .path("plugins")
            .path("pilothouse.dev/flag");
    if (flag.isObject()) {
      // A flag rollout's undo swaps its variants: say which one is being rolled out now.
      Session.of(spec)
          .out()
          .println(
              "flag "
                  + flag.path("flag").asText()
                  + ": canaryVariant "
                  + flag.path("canaryVariant").asText()
                  + ", stableVariant "
                  + flag.path("stableVariant").asText());
    }
    return 0;
  }

  @Command(
      name = "history",
      description = "List the rollout's revisions (a flag rollout: each update of its variants).")
  int history(@Parameters(paramLabel = "NAME") String name) {
    Session session = Session.of(spec);
    JsonNode revisions =
        session
            .client()
            .get(
                "/api/v1/namespaces/"
                    + Commands.segment(namespace)
                    + "/rollouts/"
                    + Commands.segment(name)
                    + "/revisions");
    if (revisions.path("type").asText().equals("flag")) {
      printFlagRevisions(session, revisions);
      return 0;
    }
    Commands.printItems(
        session.out(),
        revisions,
        "REVISION",
        "revision",
        "HASH",
        "podTemplateHash",
        "IMAGES",
        "images",
        "REPLICAS",
        "replicas",
        "CREATED",
        "created");
    return 0;
  }

  // A flag rollout's revisions are updates of its variants, not ReplicaSets.
  private static void printFlagRevisions(Session session, JsonNode revisions) {
    Commands.printItems(
        session.out(),
        revisions,
        "REVISION",
        "revision",
        "CANARY",
        "canaryVariant",
        "STABLE",
        "stableVariant",
        "STARTED",
        "started",
        "OUTCOME",
        "outcome",
        "ENDED",
        "ended",
        "BY",
        "triggeredBy");
  }

  private int act(String name, String action, String done) {
    perform(name, action, done);
    return 0;
  }

  /** Posts the action, prints what became of the rollout, and returns the rollout. */
  private JsonNode perform(String name, String action, String done) {
    Session session = Session.of(spec);
    JsonNode result =
        session
            .client()
            .post(
                "/api/v1/namespaces/"
                    + Commands.segment(namespace)
                    + "/rollouts/"
                    + Commands.segment(name)
                    + ":"
                    + action,
                Json.object());
    session
        .out()
        .println(
            "rollout "
                + name
                + " "
                + done
                + " ("
                + result.path("status").path("phase").asText("Progressing")
                + ")");
    return result;
  }

  private String path(String name) {
    return API + Commands.segment(namespace) + "/rollouts/" + Commands.segment(name);
  }

  /** Ends a watch from inside its event callback. */
  private static final class StopWatch extends RuntimeException {
    StopWatch() {
      super(null, null, false, false);
    }
  }
}
