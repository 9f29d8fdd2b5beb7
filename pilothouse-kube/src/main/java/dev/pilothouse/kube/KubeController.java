package dev.pilothouse.kube;

import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.analysis.MetricMeasurer;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.control.Backoff;
import dev.pilothouse.core.control.RateLimitedQueue;
import dev.pilothouse.core.control.ReconcileResult;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The in-cluster controller for one cluster: informer changes queue keys (kind, namespace, name) in
 * a rate-limited work queue, and worker threads reconcile Rollouts and AnalysisRuns while this
 * replica is the active one ({@link #startReconciling}, called by leader election). Informers run
 * on standby replicas too, so their caches serve the API and a new leader starts warm. Each
 * reconcile logs under MDC {@code reconcileId} and {@code object}.
 */
public final class KubeController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeController.class);
  private static final String ROLLOUT = "Rollout";
  private static final Duration DRAIN = Duration.ofSeconds(10);
  private static final String RUN = "AnalysisRun";

  /** Tunables; {@link #DEFAULTS} follow Argo Rollouts (10 workers there; fewer here). */
  public record Options(
      int workers, double qps, int burst, Backoff backoff, RetryPolicy statusRetry) {
    public static final Options DEFAULTS =
        new Options(
            4,
            40,
            80,
            new Backoff(Duration.ofMillis(50), Duration.ofMinutes(5)),
            new RetryPolicy(5));
  }

  private final KubeGateway gateway;
  private final KubeRolloutReconciler rollouts;
  private final KubeAnalysisRunReconciler runs;
  private final Options options;
  private final KubeMetrics metrics;
  private final RateLimitedQueue<ResourceKey> queue;
  private final AtomicLong ids = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean reconciling;

  /** A controller over {@code gateway}; analysis measurements go to {@code metricSource}. */
  public KubeController(
      KubeGateway gateway,
      MetricSource metricSource,
      EventLog events,
      KubeMetrics metrics,
      Options options,
      Clock clock) {
    this(gateway, metricSource, events, metrics, options, Map.of(), clock);
  }

  /**
   * A controller whose rollouts may also name the plugin routers {@code pluginRouters} (by plugin
   * name under {@code trafficRouting.plugins}), e.g. the server's flag router.
   */
  public KubeController(
      KubeGateway gateway,
      MetricSource metricSource,
      EventLog events,
      KubeMetrics metrics,
      Options options,
      Map<String, TrafficRouter> pluginRouters,
      Clock clock) {
    this.gateway = gateway;
    this.options = options;
    this.metrics = metrics;
    this.queue = new RateLimitedQueue<>(options.backoff(), options.qps(), options.burst());
    ConditionEvaluator conditions = new ConditionEvaluator();
    this.rollouts =
        new KubeRolloutReconciler(
            gateway,
            new KubeActionApplier(
                gateway,
                new KubeAnalysisRuns(gateway, conditions),
                new TrafficRouters(gateway, pluginRouters)),
            options.statusRetry(),
            events,
            clock);
    this.runs =
        new KubeAnalysisRunReconciler(
            gateway,
            new AnalysisSpecParser(conditions),
            new MetricMeasurer(metricSource, conditions, clock),
            clock);
    gateway.onChange(this::onChange);
    metrics.register(this);
  }

  /** The cluster's name. */
  public String cluster() {
    return gateway.cluster();
  }

  /** The gateway (its informer caches serve reads). */
  public KubeGateway gateway() {
    return gateway;
  }

  /** Keys waiting to be reconciled. */
  public int queueDepth() {
    return queue.depth();
  }

  /** True while this replica reconciles (it is the leader, or runs without election). */
  public boolean reconciling() {
    return reconciling;
  }

  /** Status-write conflicts retried so far. */
  public long statusConflicts() {
    return rollouts.conflicts();
  }

  /** Starts the informers (standby: caches only). */
  public KubeController start() {
    gateway.start();
    return this;
  }

  /** Becomes active: starts workers and queues every cached Rollout and AnalysisRun. */
  public synchronized void startReconciling() {
    if (reconciling) {
      return;
    }
    reconciling = true;
    for (int i = 0; i < options.workers(); i++) {
      workers.add(
          Thread.ofPlatform()
              .daemon()
              .name("kube-" + cluster() + "-worker-" + i)
              .start(this::work));
    }
    gateway.cachedAll(KubeKinds.ROLLOUTS).forEach(r -> queue.add(key(ROLLOUT, r)));
    gateway.cachedAll(KubeKinds.ANALYSIS_RUNS).forEach(r -> queue.add(key(RUN, r)));
    LOG.atInfo().addKeyValue("cluster", cluster()).log("reconciling started");
  }

  /**
   * Becomes standby: workers finish their current reconcile (never cut off mid-write) and stop;
   * waits for them at most {@link #DRAIN}.
   */
  public synchronized void stopReconciling() {
    if (!reconciling) {
      return;
    }
    reconciling = false;
    for (Thread worker : workers) {
      try {
        if (!worker.join(DRAIN)) {
          worker.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    workers.clear();
    LOG.atInfo().addKeyValue("cluster", cluster()).log("reconciling stopped");
  }

  /** Queues a Rollout now (e.g. after an API action). */
  public void enqueueRollout(String namespace, String name) {
    queue.add(new ResourceKey("argoproj.io", ROLLOUT, namespace, name));
  }

  private void onChange(KubeGateway.Change change) {
    Resource r = change.object();
    switch (change.kind().getKind()) {
      case ROLLOUT -> queue.add(key(ROLLOUT, r));
      case RUN -> {
        queue.add(key(RUN, r));
        owner(r);
      }
      case "ReplicaSet" -> owner(r);
      default -> {} // templates are read when a run starts
    }
  }

  private void owner(Resource r) {
    String owner = r.labels().get(Revisions.OWNER_LABEL);
    if (owner != null) {
      queue.add(new ResourceKey("argoproj.io", ROLLOUT, r.namespace(), owner));
    }
  }

  private static ResourceKey key(String kind, Resource r) {
    return new ResourceKey("argoproj.io", kind, r.namespace(), r.name());
  }

  private void work() {
    while (reconciling) {
      ResourceKey key;
      try {
        key = queue.take(Duration.ofMillis(200));
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        continue;
      }
      try {
        if (reconciling) {
          reconcileOnce(key);
        } else {
          queue.addAfter(key, Duration.ZERO); // keep it for the next leader term
        }
      } finally {
        queue.done(key);
      }
    }
  }

  private void reconcileOnce(ResourceKey key) {
    String id = cluster() + "-" + ids.incrementAndGet();
    long started = System.nanoTime();
    String result = "ok";
    try (var a = MDC.putCloseable("reconcileId", id);
        var b = MDC.putCloseable("object", cluster() + "/" + key)) {
      ReconcileResult next =
          key.kind().equals(ROLLOUT)
              ? rollouts.reconcile(key.namespace(), key.name())
              : runs.reconcile(key.namespace(), key.name());
      queue.forget(key);
      if (next instanceof ReconcileResult.RequeueAfter(Duration delay)) {
        queue.addAfter(key, delay);
      }
    } catch (RuntimeException e) {
      result = e instanceof ConflictException ? "conflict" : "error";
      Duration delay = queue.addRateLimited(key);
      LOG.atWarn()
          .setCause(e)
          .addKeyValue("reconcileId", id)
          .addKeyValue("object", key)
          .addKeyValue("failures", queue.failures(key))
          .addKeyValue("retryIn", delay)
          .log("reconcile failed");
    } finally {
      metrics
          .latency
          .labelValues(cluster(), key.kind())
          .observe((System.nanoTime() - started) / 1e9);
      metrics.reconciles.labelValues(cluster(), key.kind(), result).inc();
    }
  }

  @Override
  public void close() {
    stopReconciling();
    gateway.close();
    metrics.unregister(this);
  }
}
