package dev.pilothouse.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.Watch;
import dev.pilothouse.core.resource.WatchEvent;
import dev.pilothouse.core.tenancy.Access;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.core.tenancy.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a watch as newline-delimited JSON ({@code {"type":...,"object":...}} per line), like the
 * Kubernetes API. Runs on the request's virtual thread; a blank line every {@code keepAlive}
 * detects gone clients. A watch that falls behind ends with an {@code ERROR} event carrying a 410
 * status, after which clients list again.
 */
public final class WatchStreamer {
  private final ResourceService resources;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Duration keepAlive;
  private final Duration maxDuration;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Thread> streaming = ConcurrentHashMap.newKeySet();

  /** How long {@link #endAll} leaves the web server to finish responses after their handlers. */
  private static final long LAST_CHUNK_MILLIS = 50;

  /** Creates a streamer with the keep-alive interval and the longest a watch stays open. */
  public WatchStreamer(
      ResourceService resources,
      Authorizer authorizer,
      Clock clock,
      Duration keepAlive,
      Duration maxDuration) {
    this.resources = resources;
    this.authorizer = authorizer;
    this.clock = clock;
    this.keepAlive = keepAlive;
    this.maxDuration = maxDuration;
  }

  void stream(
      ServerRequest req,
      ServerResponse res,
      KindInfo kind,
      String namespace,
      LabelSelector selector,
      Principal principal)
      throws IOException, InterruptedException {
    String rv = req.query().first("resourceVersion").orElse("");
    OptionalLong from =
        rv.isEmpty()
            ? OptionalLong.empty()
            : OptionalLong.of(ResourceApi.parseVersion("resourceVersion", rv));
    Duration limit =
        req.query()
            .first("timeoutSeconds")
            .map(s -> Duration.ofSeconds(ResourceApi.parseVersion("timeoutSeconds", s)))
            .orElse(maxDuration);
    open.incrementAndGet();
    streaming.add(Thread.currentThread());
    try (Watch watch = resources.watch(kind, namespace, selector, from)) {
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      try (OutputStream out = res.outputStream()) {
        out.flush();
        pumpUntilStopped(watch, out, namespace == null ? principal : null, limit);
      }
    } finally {
      streaming.remove(Thread.currentThread());
      open.decrementAndGet();
    }
  }

  /**
   * Ends every open watch stream and waits, at most {@code grace}, until they have finished their
   * responses. Called before the web server stops, which would otherwise cut the streams off
   * mid-body; clients see a complete response and watch again, as when an API server goes away.
   */
  public void endAll(Duration grace) throws InterruptedException {
    if (streaming.isEmpty()) {
      return;
    }
    streaming.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + grace.toNanos();
    while (open.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // The handlers have returned; Helidon writes each response's last chunk just after.
    Thread.sleep(LAST_CHUNK_MILLIS);
  }

  /**
   * Streams until the time limit, or until the server stops, which interrupts this thread. The
   * interrupt is fully handled by ending the stream, so its flag is not restored: Helidon finishes
   * the response (the last chunk) after the handler returns, and an interrupted thread would cut it
   * off mid-body instead.
   */
  private void pumpUntilStopped(Watch watch, OutputStream out, Principal filterFor, Duration limit)
      throws IOException {
    try {
      pump(watch, out, filterFor, Instant.now(clock).plus(limit));
    } catch (InterruptedException stopping) {
      // The stream ends here; see above.
    }
  }

  /** Watches currently streaming (for metrics). */
  public int openWatches() {
    return open.get();
  }

  private void pump(Watch watch, OutputStream out, Principal filterFor, Instant until)
      throws IOException, InterruptedException {
    while (clock.instant().isBefore(until)) {
      WatchEvent event;
      try {
        event = watch.next(keepAlive);
      } catch (GoneException e) {
        write(out, goneEvent(e));
        return;
      }
      if (event == null) {
        out.write('\n'); // keep-alive; fails fast once the client is gone
        out.flush();
      } else if (filterFor == null
          || authorizer.allows(filterFor, Access.READ, event.object().namespace())) {
        ObjectNode line = Json.object().put("type", event.type().name());
        line.set("object", event.object().json());
        write(out, line);
      }
    }
  }

  private static ObjectNode goneEvent(GoneException e) {
    ObjectNode line = Json.object().put("type", "ERROR");
    line.putObject("object")
        .put("kind", "Status")
        .put("code", 410)
        .put("reason", "Expired")
        .put("message", e.getMessage());
    return line;
  }

  private static void write(OutputStream out, ObjectNode line) throws IOException {
    out.write(Json.write(line).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
  }
}
