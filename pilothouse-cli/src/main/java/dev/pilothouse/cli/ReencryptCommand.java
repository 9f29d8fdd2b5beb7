package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code admin reencrypt secrets}: has the server write every object of a kind back unchanged, so
 * each is stored with the current write provider (Kubernetes: {@code kubectl get secrets -A -o json
 * | kubectl replace -f -}). The server does the encryption, so the CLI needs no key.
 */
@Command(
    name = "reencrypt",
    description =
        "Rewrite every object of a kind (e.g. secrets) so it is stored with the server's current"
            + " encryption key (run after adding or rotating a key).")
final class ReencryptCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "RESOURCE", description = "The kind to rewrite, e.g. secrets.")
  String resource;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    ApiKind kind = session.discovery().resolve(resource);
    JsonNode items = session.client().get(kind.collectionPath(null)).path("items");
    PrintWriter out = session.out();
    int total = items.size();
    for (int i = 0; i < total; i++) {
      JsonNode item = items.get(i);
      String namespace = item.path("metadata").path("namespace").asText(null);
      String name = item.path("metadata").path("name").asText();
      rewrite(session.client(), resourceName(kind), namespace, name);
      out.printf("[%d/%d] %s %s%n", i + 1, total, kind.ref(), qualified(namespace, name));
      out.flush();
    }
    out.println("Re-encrypted " + total + " " + kind.plural() + ".");
    return 0;
  }

  /** Asks the server to write the object back (a replace would be a no-op and write nothing). */
  private static void rewrite(ApiClient client, String resource, String namespace, String name) {
    ObjectNode body = Json.object().put("resource", resource).put("name", name);
    if (namespace != null) {
      body.put("namespace", namespace);
    }
    try {
      client.post("/api/v1/admin/reencrypt", body);
    } catch (ApiException e) {
      if (e.status() != 404) { // deleted meanwhile: nothing left to re-encrypt
        throw e;
      }
    }
  }

  /** {@code secrets} or {@code plural.group}, as the server resolves it. */
  private static String resourceName(ApiKind kind) {
    return kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
  }

  private static String qualified(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
