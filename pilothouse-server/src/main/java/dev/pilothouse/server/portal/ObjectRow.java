package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.Ages;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a resource list, as rendered in the table and pushed by live updates.
 *
 * @param id the element id, stable across updates so a change replaces the row in place
 * @param sortKey namespace and name, which the list is ordered by
 */
public record ObjectRow(
    String id,
    String sortKey,
    String namespace,
    String name,
    Map<String, String> labels,
    String age,
    long resourceVersion,
    String href) {

  /** The row of an object of {@code kind}, aged at {@code now}. */
  static ObjectRow of(KindRef kind, Resource r, Instant now) {
    return new ObjectRow(
        domId(r.namespace(), r.name()),
        r.namespace() + "/" + r.name(),
        r.namespace(),
        r.name(),
        r.labels(),
        Ages.since(r.metadata().path("creationTimestamp").asText(""), now).orElse(""),
        r.resourceVersion(),
        kind.objectUrl(r.namespace(), r.name()));
  }

  /** The element id of an object's row; names are DNS labels, so '/' cannot collide. */
  static String domId(String namespace, String name) {
    return "obj/" + namespace + "/" + name;
  }
}
