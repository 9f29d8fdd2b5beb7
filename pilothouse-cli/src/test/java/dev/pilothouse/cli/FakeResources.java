package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough resource semantics for the CLI: create (409 when present), get, list, replace with a
 * resourceVersion precondition (unchanged documents keep their version) and delete.
 */
final class FakeResources {
  /** A status and a JSON body. */
  record Response(int status, String body) {}

  private final Map<String, ObjectNode> objects = new TreeMap<>();
  private final Map<String, Integer> racingReads = new TreeMap<>();
  private long version = 100;

  /** Stores an object directly, as if created earlier. */
  synchronized void put(String plural, ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("resourceVersion", Long.toString(++version));
    metadata.put("creationTimestamp", Instant.now().minusSeconds(300).toString());
    objects.put(
        key(plural, metadata.path("namespace").asText(), metadata.path("name").asText()), object);
  }

  synchronized Response handle(String method, String path, URI uri, String body) {
    String[] parts = path.split("/");
    // /apis/{g}/{v}/namespaces/{ns}/{plural}[/{name}]
    String ns = parts.length > 5 && parts[4].equals("namespaces") ? parts[5] : "";
    int pluralIndex = ns.isEmpty() ? 4 : 6;
    String plural = parts[pluralIndex];
    String name = parts.length > pluralIndex + 1 ? parts[pluralIndex + 1] : null;
    return switch (method) {
      case "POST" -> create(plural, ns, (ObjectNode) Json.parse(body));
      case "GET" -> name == null ? list(plural, ns) : get(plural, ns, name);
      case "PUT" -> replace(plural, ns, name, (ObjectNode) Json.parse(body));
      case "DELETE" -> delete(plural, ns, name);
      default -> new Response(405, FakeApi.problem(405, "Method Not Allowed", method));
    };
  }

  private Response create(String plural, String ns, ObjectNode doc) {
    String name = doc.path("metadata").path("name").asText();
    if (objects.containsKey(key(plural, ns, name))) {
      return new Response(409, FakeApi.problem(409, "Conflict", name + " already exists"));
    }
    put(plural, doc);
    return new Response(201, doc.toString());
  }

  /**
   * Makes the next {@code times} reads of one object each followed by another writer's change (a
   * new resourceVersion, content unchanged), as a controller writing status between a client's read
   * and its write would.
   */
  synchronized void writeAfterNextReads(String plural, String ns, String name, int times) {
    racingReads.put(key(plural, ns, name), times);
  }

  private Response get(String plural, String ns, String name) {
    ObjectNode object = objects.get(key(plural, ns, name));
    int racing = racingReads.getOrDefault(key(plural, ns, name), 0);
    if (object != null && racing > 0) {
      racingReads.put(key(plural, ns, name), racing - 1);
      Response response = new Response(200, object.toString());
      ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(++version));
      return response;
    }
    return object == null
        ? new Response(
            404, FakeApi.problem(404, "Not Found", plural + " " + ns + "/" + name + " not found"))
        : new Response(200, object.toString());
  }

  private Response list(String plural, String ns) {
    ObjectNode list = Json.object().put("apiVersion", "v1").put("kind", "List");
    list.putObject("metadata").put("resourceVersion", Long.toString(version));
    ArrayNode items = list.putArray("items");
    objects.forEach((key, object) -> {
      if (key.startsWith(plural + "/" + ns)) {
        items.add(object);
      }
    });
    return new Response(200, list.toString());
  }

  private Response replace(String plural, String ns, String name, ObjectNode doc) {
    ObjectNode current = objects.get(key(plural, ns, name));
    if (current == null) {
      return get(plural, ns, name);
    }
    String expected = doc.path("metadata").path("resourceVersion").asText();
    if (!expected.equals(current.path("metadata").path("resourceVersion").asText())) {
      return new Response(409, FakeApi.problem(409, "Conflict", "resourceVersion mismatch"));
    }
    if (sameContent(current, doc)) {
      return new Response(200, current.toString());
    }
    put(plural, doc);
    return new Response(200, doc.toString());
  }

  private static boolean sameContent(JsonNode a, JsonNode b) {
    return a.path("spec").equals(b.path("spec"))
        && a.path("data").equals(b.path("data"))
        && a.path("metadata").path("labels").equals(b.path("metadata").path("labels"));
  }

  private Response delete(String plural, String ns, String name) {
    ObjectNode removed = objects.remove(key(plural, ns, name));
    return removed == null ? get(plural, ns, name) : new Response(200, removed.toString());
  }

  private static String key(String plural, String ns, String name) {
    return plural + "/" + ns + "/" + name;
  }
}
