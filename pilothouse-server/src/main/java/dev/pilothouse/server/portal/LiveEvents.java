package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /portal/events: a resource watch as server-sent events carrying rendered HTML, so pages
 * update in place. Each event's id is the resourceVersion it reflects; a reconnecting browser sends
 * it back as Last-Event-ID and resumes without gaps. When the watch has fallen too far behind, a
 * {@code reload} event tells the page to load afresh.
 */
final class LiveEvents {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

  /** View that renders table rows of a list page. */
  static final String ROWS = "rows";

  /** View that renders the body of an object page. */
  static final String OBJECT = "object";

  /** View that renders rows of the Delivery list. */
  static final String ROLLOUT_ROWS = "rollouts";

  /** View that renders the dynamic part of a rollout's page. */
  static final String ROLLOUT = "rollout";

  /** The Delivery section's views. */
  static final Set<String> DELIVERY_VIEWS = Set.of(ROLLOUT_ROWS, ROLLOUT);

  /** Every view a stream may ask for. */
  static final Set<String> VIEWS = Set.of(ROWS, OBJECT, ROLLOUT_ROWS, ROLLOUT);

  private final ResourceService resources;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Duration keepAlive;
  private final Duration maxDuration;
  private final LiveFragments fragments;

  LiveEvents(
      ResourceService resources,
      Authorizer authorizer,
      Clock clock,
      Duration keepAlive,
      LiveFragments fragments) {
    this.resources = resources;
    this.authorizer = authorizer;
    this.clock = clock;
    this.keepAlive = keepAlive;
    // Bounded so a forgotten tab does not hold a watch forever; the browser reconnects.
    this.maxDuration = Duration.ofMinutes(30);
    this.fragments = fragments;
  }

  void stream(ServerRequest req, ServerResponse res, Principal who) {
    LiveQuery q = LiveQuery.of(req, resources);
    if (q.namespace() != null || !q.kind().namespaced()) {
      authorizer.require(who, Access.READ, q.namespace() == null ? "" : q.namespace());
    }
    res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.header("X-Accel-Buffering", "no"); // proxies must not hold events back
    try (SseWriter out = new SseWriter(res.outputStream())) {
      out.comment("connected");
      pump(q, who, out);
    } catch (IOException | UncheckedIOException | ServerConnectionException e) {
      // the browser went away (tab closed, navigation): the normal way a stream ends
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    } catch (RuntimeException e) {
      // Headers are out, so no error page can follow; the browser reconnects and resumes.
      LOG.atError().setCause(e).log("live update stream failed");
    }
  }

  private void pump(LiveQuery q, Principal who, SseWriter out)
      throws IOException, InterruptedException {
    OptionalLong from = q.from() > 0 ? OptionalLong.of(q.from()) : OptionalLong.empty();
    Instant until = clock.instant().plus(maxDuration);
    try (Watch watch = resources.watch(q.kind().info(), q.namespace(), q.selector(), from)) {
      while (clock.instant().isBefore(until)) {
        WatchEvent event = watch.next(keepAlive);
        if (event == null) {
          out.comment("keep-alive"); // fails fast once the browser is gone
        } else if (visible(q, who, event)) {
          out.event(event.object().resourceVersion(), fragments.of(q, event, who));
        }
      }
    } catch (GoneException e) {
      out.event(0, LiveFragments.Message.reload());
    }
  }

  private boolean visible(LiveQuery q, Principal who, WatchEvent event) {
    if (q.name() != null && !q.name().equals(event.object().name())) {
      return false;
    }
    return q.namespace() != null || authorizer.allows(who, Access.READ, event.object().namespace());
  }
}
