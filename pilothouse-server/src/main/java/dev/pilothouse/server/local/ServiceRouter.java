package dev.pilothouse.server.local;

import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.proxy.Listener;
import dev.pilothouse.proxy.ProxyException;
import dev.pilothouse.proxy.ProxyMetrics;
import dev.pilothouse.proxy.ProxyOptions;
import dev.pilothouse.proxy.RouteTable;
import dev.pilothouse.proxy.WeightedProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the weighted proxy's route table in line with Services, Rollout weights and serving pods.
 * It recomputes {@link ServiceRoutes} when something changes: at once on a change of the runtime's
 * serving pods, and right after each change of a Service or a Rollout (weights live in Rollout
 * status), seen through store watches; changes that arrive together are coalesced into one refresh.
 * A slow resync every {@link #RESYNC} is a safety net only. The table is swapped only when the
 * routes changed.
 */
public final class ServiceRouter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRouter.class);

  /** The safety resync period; changes are applied as they happen. */
  static final Duration RESYNC = Duration.ofSeconds(5);

  private final ResourceService resources;
  private final LocalRuntime runtime;
  private final WeightedProxy proxy;
  private final KindInfo services;
  private final KindInfo rollouts;
  private final Set<Listener> unbindable = new HashSet<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "service-router"));
  private final AtomicBoolean pending = new AtomicBoolean();
  private final List<KindWatcher> watchers = new ArrayList<>();
  private List<ServiceRoutes.Route> current = List.of();

  private ServiceRouter(ResourceService resources, LocalRuntime runtime, WeightedProxy proxy) {
    this.resources = resources;
    this.runtime = runtime;
    this.proxy = proxy;
    this.services = resources.kinds().byPath("", "v1", "services");
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
  }

  /** Starts a proxy recording into {@code metrics} and keeps its routes current. */
  public static ServiceRouter start(
      ResourceService resources, LocalRuntime runtime, ProxyMetrics metrics, String bindHost) {
    WeightedProxy proxy =
        WeightedProxy.start(
            RouteTable.empty(), ProxyOptions.defaults().withBindHost(bindHost), metrics);
    ServiceRouter router = new ServiceRouter(resources, runtime, proxy);
    // Not safeRefresh: a failure must reach the runtime, which then holds its ready counts back.
    runtime.onChange(router::refresh);
    router.watchers.add(KindWatcher.start(resources, router.services, router::requestRefresh));
    router.watchers.add(KindWatcher.start(resources, router.rollouts, router::requestRefresh));
    router.timer.scheduleWithFixedDelay(
        router::safeRefresh, 0, RESYNC.toMillis(), TimeUnit.MILLISECONDS);
    return router;
  }

  /**
   * Schedules one refresh soon; calls made before it starts share it (a rollout step writes several
   * objects at once).
   */
  private void requestRefresh() {
    if (pending.compareAndSet(false, true)) {
      try {
        timer.execute(() -> {
          pending.set(false);
          safeRefresh();
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // closing
      }
    }
  }

  /** The proxy (for its bound ports and metrics). */
  public WeightedProxy proxy() {
    return proxy;
  }

  /** The routes now applied. */
  public synchronized List<ServiceRoutes.Route> routes() {
    return current;
  }

  private void safeRefresh() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("route refresh failed; retrying");
    }
  }

  /** Recomputes the routes and applies them if they changed. */
  public synchronized void refresh() {
    List<ServiceRoutes.Route> next =
        ServiceRoutes.plan(
                resources.list(services, null, LabelSelector.ALL).items(),
                resources.list(rollouts, null, LabelSelector.ALL).items(),
                runtime.pods())
            .stream()
            .filter(r -> !unbindable.contains(r.listener()))
            .toList();
    if (next.equals(current)) {
      return;
    }
    try {
      proxy.apply(table(next));
      current = next;
    } catch (ProxyException e) {
      // A port that cannot be bound (in use, privileged): leave that Service out, keep the rest.
      for (ServiceRoutes.Route r : next) {
        if (proxy.port(r.listener().service()).isEmpty()) {
          unbindable.add(r.listener());
          LOG.atWarn()
              .addKeyValue("service", r.listener().service())
              .addKeyValue("port", r.listener().port())
              .log("cannot listen on the service's port: " + e.getMessage());
        }
      }
      List<ServiceRoutes.Route> bound =
          next.stream().filter(r -> !unbindable.contains(r.listener())).toList();
      proxy.apply(table(bound));
      current = bound;
    }
  }

  private static RouteTable table(List<ServiceRoutes.Route> routes) {
    RouteTable.Builder b = RouteTable.builder();
    routes.forEach(r -> b.listener(r.listener(), r.backends()));
    return b.build();
  }

  @Override
  public void close() {
    watchers.forEach(KindWatcher::close);
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.close();
  }
}
