package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code apply -f FILE|DIR|-}: creates each document, or replaces it when it already exists, and
 * reports {@code created}, {@code configured} or {@code unchanged} per object. Failures of single
 * documents are reported and the rest still applied.
 */
@Command(name = "apply", description = "Create or update objects from manifest files.")
final class ApplyCommand implements Callable<Integer> {
  /** Read-and-replace attempts when another writer changes the object in between. */
  private static final int CONFLICT_ATTEMPTS = 5;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      required = true,
      description = "File, directory of *.yaml/*.yml/*.json, or - for stdin. Repeatable.")
  List<String> files;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default",
      description = "Namespace of documents that name none.")
  String namespace;

  @Override
  public Integer call() {
    // Read everything first: a broken file must not leave a half-applied set behind.
    List<Manifest> manifests = Manifests.read(files, System.in);
    Session session = Session.of(spec);
    Discovery discovery = session.discovery();
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    for (Manifest manifest : manifests) {
      try {
        session.out().println(applyOne(manifest, discovery, session.client()));
      } catch (ApiException | UnknownKindException e) {
        err.println("error: " + manifest.where() + ": " + e.getMessage());
        failures++;
      }
    }
    return failures == 0 ? 0 : CliException.FAILURE;
  }

  private String applyOne(Manifest manifest, Discovery discovery, ApiClient client) {
    ApiKind kind = discovery.forDocument(manifest.apiVersion(), manifest.kind());
    ObjectNode body = manifest.withNamespace(kind, namespace);
    String ns = body.path("metadata").path("namespace").asText("");
    String label = kind.ref() + "/" + manifest.name();
    try {
      client.post(kind.collectionPath(ns), body);
      return label + " created";
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
    String path = kind.objectPath(ns, manifest.name());
    for (int attempt = 1; ; attempt++) {
      String before = resourceVersion(client.get(path));
      ((ObjectNode) body.get("metadata")).put("resourceVersion", before);
      try {
        String after = resourceVersion(client.put(path, body));
        return label + (before.equals(after) ? " unchanged" : " configured");
      } catch (ApiException e) {
        // Another writer (typically a controller writing status) came between our read and our
        // write: read again and retry, as kubectl apply does.
        if (e.status() != 409 || attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static String resourceVersion(JsonNode object) {
    return object.path("metadata").path("resourceVersion").asText("");
  }
}
