package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code get KIND [NAME]}: lists or shows objects, optionally watching for changes. */
@Command(name = "get", description = "Show one object or list objects of a kind.")
final class GetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "Kind, plural or plural.group.")
  String kindName;

  @Parameters(index = "1", paramLabel = "NAME", arity = "0..1")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"})
  boolean allNamespaces;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "e.g. app=web")
  String selector;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table")
  Output output;

  @Option(
      names = {"-w", "--watch"},
      description = "After listing, print changes as they happen.")
  boolean watch;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    ApiKind kind = session.discovery().resolve(kindName);
    // A single object is always addressed in one namespace, even with -A.
    String ns = allNamespaces && name == null ? null : namespace;
    if (watch) {
      WatchPrinter printer = new WatchPrinter(output, kind, withNamespace(kind), session);
      session.client().watch(kind.collectionPath(ns) + query(true), printer.filtered(name));
    } else if (name != null) {
      print(kind, List.of(session.client().get(kind.objectPath(ns, name))), null, session);
    } else {
      JsonNode list = session.client().get(kind.collectionPath(ns) + query(false));
      print(kind, items(list), list, session);
    }
    return 0;
  }

  private boolean withNamespace(ApiKind kind) {
    return allNamespaces && kind.namespaced();
  }

  private String query(boolean watching) {
    List<String> params = new ArrayList<>();
    if (watching) {
      params.add("watch=true");
    }
    if (selector != null) {
      params.add("labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static List<JsonNode> items(JsonNode list) {
    List<JsonNode> items = new ArrayList<>();
    list.path("items").forEach(items::add);
    return items;
  }

  /** Prints objects; {@code list} is the whole list response (printed as is by json/yaml). */
  private void print(ApiKind kind, List<JsonNode> objects, JsonNode list, Session session) {
    PrintWriter out = session.out();
    JsonNode whole = list != null ? list : objects.get(0);
    switch (output) {
      case json -> out.println(Output.prettyJson(whole));
      case yaml -> out.println(Output.yaml(whole));
      case name -> objects.forEach(o -> out.println(Output.name(kind, o)));
      case table -> printTable(kind, objects, session);
    }
  }

  private void printTable(ApiKind kind, List<JsonNode> objects, Session session) {
    if (objects.isEmpty()) {
      String where = allNamespaces || !kind.namespaced() ? "" : " in " + namespace + " namespace";
      spec.commandLine().getErr().println("No resources found" + where + ".");
      return;
    }
    ResourceColumns.table(objects, withNamespace(kind), session.clock()).print(session.out());
  }
}
