package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * What a live-update stream watches, from the query of {@code /portal/events}.
 *
 * @param namespace the namespace, or null for all the user may read
 * @param name a single object's name, or null for every object
 * @param from the resourceVersion the page reflects; changes after it are sent
 * @param view one of {@link LiveEvents#VIEWS}
 */
record LiveQuery(
    KindRef kind, String namespace, LabelSelector selector, String name, long from, String view) {

  static LiveQuery of(ServerRequest req, ResourceService resources) {
    var q = req.query();
    KindRef kind =
        ResourcePages.kind(
            resources,
            q.first("group").orElse(""),
            q.first("version").orElse(""),
            q.first("plural").orElse(""));
    String namespace = kind.namespaced() ? blankToNull(q.first("namespace").orElse("")) : "";
    String asked = q.first("view").orElse("");
    String view = LiveEvents.VIEWS.contains(asked) ? asked : LiveEvents.ROWS;
    // A reconnecting EventSource reports the last event it saw; that beats the page's version.
    String from =
        req.headers()
            .first(HeaderNames.create("Last-Event-ID"))
            .orElse(q.first("resourceVersion").orElse("0"));
    return new LiveQuery(
        kind,
        namespace,
        LabelSelector.parse(
            q.first("labelSelector").orElse("")), // bad input fails before streaming
        blankToNull(q.first("name").orElse("")),
        version(from),
        view);
  }

  private static long version(String text) {
    try {
      return Math.max(0, Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return 0; // an unusable version only costs a full replay of current objects
    }
  }

  private static String blankToNull(String text) {
    return text.isBlank() ? null : text.trim();
  }
}
