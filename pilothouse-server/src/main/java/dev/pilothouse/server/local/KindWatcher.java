package dev.pilothouse.server.local;

import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.resource.Watch;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} after every change of one kind in the store (all namespaces), from a watch
 * on a virtual thread: the store's watch sees every writer, also those that bypass the {@link
 * ResourceService}'s listeners. A watch that falls behind is reopened (and counts as a change,
 * since events were missed).
 */
public final class KindWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KindWatcher.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final ResourceService resources;
  private final KindInfo kind;
  private final Runnable onChange;
  private final Thread thread;
  private volatile boolean open = true;

  private KindWatcher(ResourceService resources, KindInfo kind, Runnable onChange) {
    this.resources = resources;
    this.kind = kind;
    this.onChange = onChange;
    this.thread = Thread.ofVirtual().name("watch-" + kind.plural()).unstarted(this::run);
  }

  /** Starts watching from now on (objects that already exist are not reported). */
  public static KindWatcher start(ResourceService resources, KindInfo kind, Runnable onChange) {
    KindWatcher w = new KindWatcher(resources, kind, onChange);
    w.thread.start();
    return w;
  }

  private void run() {
    while (open) {
      long from = resources.list(kind, null, LabelSelector.ALL).resourceVersion();
      try (Watch watch = resources.watch(kind, null, LabelSelector.ALL, OptionalLong.of(from))) {
        while (open) {
          if (watch.next(POLL) != null) {
            onChange.run();
          }
        }
      } catch (GoneException e) {
        onChange.run(); // missed events: recompute, then watch again from now
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.atWarn().setCause(e).addKeyValue("kind", kind.plural()).log("watch failed; reopening");
        sleepQuietly();
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      open = false;
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
