package dev.pilothouse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit [-n NS] [--limit N]}: recent changes, who made them and to what. */
@Command(name = "audit", description = "Show the audit log.")
final class AuditCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS")
  String namespace;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50")
  int limit;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    String path = "/api/v1/audit?limit=" + limit;
    if (namespace != null) {
      path += "&namespace=" + Commands.segment(namespace);
    }
    Commands.printItems(
        session.out(),
        session.client().get(path),
        "TIME",
        "time",
        "ACTOR",
        "actor",
        "VERB",
        "verb",
        "NAMESPACE",
        "namespace",
        "TARGET",
        "target",
        "BEFORE",
        "beforeVersion",
        "AFTER",
        "afterVersion");
    return 0;
  }
}
