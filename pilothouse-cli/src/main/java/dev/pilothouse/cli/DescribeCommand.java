package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.resource.Ages;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code describe KIND NAME}: a readable view of one object: metadata, labels, annotations, spec
 * and status as YAML, and its recent audit entries when the caller may read the audit log.
 */
@Command(name = "describe", description = "Show one object in detail.")
final class DescribeCommand implements Callable<Integer> {
  private static final String FORMAT = "%-18s%s%n";

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND")
  String kindName;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default")
  String namespace;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    ApiKind kind = session.discovery().resolve(kindName);
    JsonNode object = session.client().get(kind.objectPath(namespace, name));
    PrintWriter out = session.out();
    printMetadata(out, kind, object.path("metadata"), session);
    printSection(out, "Spec", object.path("spec"));
    printSection(out, "Status", object.path("status"));
    new AuditTrail(session).print(out, kind, object.path("metadata"));
    out.flush();
    return 0;
  }

  private static void printMetadata(
      PrintWriter out, ApiKind kind, JsonNode metadata, Session session) {
    String created = metadata.path("creationTimestamp").asText("");
    out.printf(FORMAT, "Name:", metadata.path("name").asText());
    if (kind.namespaced()) {
      out.printf(FORMAT, "Namespace:", metadata.path("namespace").asText());
    }
    out.printf(FORMAT, "Kind:", kind.kind() + " (" + kind.apiVersion() + ")");
    out.printf(FORMAT, "UID:", metadata.path("uid").asText(""));
    out.printf(FORMAT, "Resource Version:", metadata.path("resourceVersion").asText(""));
    out.printf(FORMAT, "Generation:", metadata.path("generation").asText(""));
    out.printf(
        FORMAT,
        "Created:",
        created + " (" + Ages.since(created, session.clock().instant()).orElse("<unknown>") + ")");
    printMap(out, "Labels:", metadata.path("labels"));
    printMap(out, "Annotations:", metadata.path("annotations"));
  }

  private static void printMap(PrintWriter out, String title, JsonNode map) {
    if (map.isEmpty()) {
      out.printf(FORMAT, title, "<none>");
      return;
    }
    String label = title;
    for (var entry : map.properties()) {
      out.printf(FORMAT, label, entry.getKey() + "=" + entry.getValue().asText());
      label = "";
    }
  }

  private static void printSection(PrintWriter out, String title, JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.isEmpty()) {
      out.println(title + ": <none>");
      return;
    }
    out.println(title + ":");
    Output.yaml(node).lines().forEach(line -> out.println("  " + line));
  }
}
