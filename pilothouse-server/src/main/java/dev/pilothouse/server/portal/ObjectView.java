package dev.pilothouse.server.portal;

import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Ages;
import dev.pilothouse.core.resource.Resource;
import java.time.Instant;
import java.util.Map;

/**
 * The body of an object page: a summary of its metadata and the whole document as YAML.
 *
 * @param id element id, replaced in place by live updates
 * @param deleted whether the object has been deleted while the page was open
 */
public record ObjectView(
    String id,
    String namespace,
    String name,
    String uid,
    long generation,
    long resourceVersion,
    String age,
    Map<String, String> labels,
    String yaml,
    boolean deleted) {

  /** The view of a stored object. */
  static ObjectView of(Resource r, Instant now) {
    return of(r, now, false);
  }

  /** The view of an object's last state after it was deleted. */
  static ObjectView deleted(Resource r, Instant now) {
    return of(r, now, true);
  }

  private static ObjectView of(Resource r, Instant now, boolean deleted) {
    return new ObjectView(
        "object-body",
        r.namespace(),
        r.name(),
        r.uid(),
        r.generation(),
        r.resourceVersion(),
        Ages.since(r.metadata().path("creationTimestamp").asText(""), now).orElse(""),
        r.labels(),
        Yaml.write(r.json()),
        deleted);
  }
}
