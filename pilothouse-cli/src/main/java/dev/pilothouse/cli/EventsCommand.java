package dev.pilothouse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code events [-n NS] [--service S] [--type PREFIX] [--limit N]}: the platform timeline. */
@Command(
    name = "events",
    description = "Show platform events (rollout steps, aborts, promotions, ...), newest first.")
final class EventsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS")
  String namespace;

  @Option(names = "--service", paramLabel = "NAME")
  String service;

  @Option(names = "--type", paramLabel = "PREFIX", description = "e.g. rollout. or rollout.aborted")
  String type;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50")
  int limit;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    StringBuilder path = new StringBuilder("/api/v1/events?limit=" + limit);
    append(path, "namespace", namespace);
    append(path, "service", service);
    append(path, "type", type);
    Commands.printItems(
        session.out(),
        session.client().get(path.toString()),
        "TIME",
        "time",
        "TYPE",
        "type",
        "NAMESPACE",
        "namespace",
        "SUBJECT",
        "subject",
        "MESSAGE",
        "message");
    return 0;
  }

  private static void append(StringBuilder path, String name, String value) {
    if (value != null) {
      path.append('&').append(name).append('=').append(Commands.segment(value));
    }
  }
}
