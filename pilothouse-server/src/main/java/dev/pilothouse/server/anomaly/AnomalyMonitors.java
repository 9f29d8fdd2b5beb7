package dev.pilothouse.server.anomaly;

import dev.pilothouse.core.analysis.MetricHistory;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.anomaly.AnomalyMonitorSpec;
import dev.pilothouse.core.anomaly.ChangeCorrelation;
import dev.pilothouse.core.anomaly.SeriesTracker;
import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.events.EventQuery;
import dev.pilothouse.core.events.PlatformEvent;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.server.local.KindWatcher;
import dev.pilothouse.server.observe.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every {@code AnomalyMonitor}: on each tick, samples the monitors that are due through the
 * {@link MetricSource} (a Prometheus instant query), scores the value with the monitor's own
 * detector state, exports {@code pilothouse_anomaly_score{namespace, monitor, service}}, and
 * appends an {@code anomaly.detected} platform event when a score reaches the threshold, naming
 * rollout or flag changes of the service from the correlation window before it. A monitor whose
 * spec changes starts over with a fresh detector; a deleted one is forgotten. Changes to monitors
 * are seen through a store watch (with a slow safety resync), not by listing every tick. A
 * (re)started monitor first reads its learning look-back ({@code spec.learning}) as a range query
 * and warm-starts its detector from it ({@link SeriesTracker#warmStarted}), so a restarted server
 * does not re-learn blind.
 */
public final class AnomalyMonitors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AnomalyMonitors.class);

  /** How many recent change events the correlation reads. */
  private static final int RECENT_CHANGES = 200;

  /**
   * The safety resync period: changes to AnomalyMonitors arrive through a store watch and are read
   * on the next tick; a full listing otherwise happens only this often.
   */
  static final Duration RESYNC = Duration.ofSeconds(30);

  private final ResourceService resources;
  private final KindInfo kind;
  private final EventLog events;
  private final MetricSource metrics;
  private final Clock clock;
  private final Map<String, Monitor> monitors = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final AtomicLong listings = new AtomicLong();
  private volatile boolean stale = true;
  private List<Resource> stored = List.of();
  private Instant nextResync = Instant.MIN;
  private KindWatcher watcher;

  private record Monitor(
      String namespace, String name, long generation, SeriesTracker tracker, Instant nextDue) {
    Monitor due(Instant next) {
      return new Monitor(namespace, name, generation, tracker, next);
    }
  }

  private AnomalyMonitors(
      ResourceService resources,
      EventLog events,
      MetricSource metrics,
      Clock clock,
      ServerMetrics exported) {
    this.resources = resources;
    this.kind =
        resources
            .kinds()
            .byApiVersionKind(AnomalyMonitorSpec.API_VERSION, AnomalyMonitorSpec.KIND)
            .orElseThrow();
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("anomaly-monitors").unstarted(r));
    exported.labelledGauge(
        "pilothouse_anomaly_score",
        "Latest anomaly score (0..1) of each AnomalyMonitor's series",
        List.of("namespace", "monitor", "service"),
        this::scores);
  }

  /**
   * A service over these components, not yet sampling; {@link #start} it.
   *
   * @param resources where AnomalyMonitor objects are read
   * @param events where anomalies are stored and changes are read
   * @param metrics the metric providers
   * @param clock stamps samples and events
   * @param exported the registry the score gauge is added to
   */
  public static AnomalyMonitors create(
      ResourceService resources,
      EventLog events,
      MetricSource metrics,
      Clock clock,
      ServerMetrics exported) {
    return new AnomalyMonitors(resources, events, metrics, clock, exported);
  }

  /**
   * Starts following the stored monitors (a store watch marks the list stale on every change) and
   * checks every {@code tick} which are due; close to stop.
   */
  public AnomalyMonitors start(Duration tick) {
    watcher = KindWatcher.start(resources, kind, () -> stale = true);
    scheduler.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** How many times the monitors were listed from the store (changes and safety resyncs). */
  public long listings() {
    return listings.get();
  }

  /**
   * What the portal shows of one followed monitor.
   *
   * @param points samples scored since the monitor was (re)created
   * @param lastSkip why the latest sample was not scored, empty when it was
   * @param warmStart what history the detector learned from when it started, or why none
   * @param recent the last scored samples, oldest first
   */
  public record View(
      String namespace,
      String name,
      String service,
      double threshold,
      double lastScore,
      long points,
      String lastSkip,
      String warmStart,
      List<SeriesTracker.Sample> recent) {}

  /** Every followed monitor, by namespace and name. */
  public List<View> views() {
    return monitors.values().stream()
        .map(m -> {
          SeriesTracker t = m.tracker();
          return new View(
              m.namespace(),
              m.name(),
              t.spec().service(),
              t.spec().threshold(),
              t.lastScore(),
              t.points(),
              t.lastSkip(),
              t.warmStart(),
              t.recent());
        })
        .sorted(java.util.Comparator.comparing(View::namespace).thenComparing(View::name))
        .toList();
  }

  private Map<List<String>, Double> scores() {
    Map<List<String>, Double> out = new java.util.HashMap<>();
    for (Monitor m : monitors.values()) {
      out.put(
          List.of(m.namespace(), m.name(), m.tracker().spec().service()), m.tracker().lastScore());
    }
    return out;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("anomaly monitor tick failed; retrying next tick");
    }
  }

  /** One pass: sync with the stored monitors if they changed, then sample the due ones. */
  void tick() {
    Set<String> seen = new HashSet<>();
    for (Resource r : storedMonitors()) {
      String key = r.namespace() + "/" + r.name();
      seen.add(key);
      Monitor m = monitors.get(key);
      if (m == null || m.generation() != r.generation()) {
        m = create(r);
        if (m == null) {
          monitors.remove(key);
          continue;
        }
      }
      Instant now = clock.instant();
      if (!now.isBefore(m.nextDue())) {
        sample(m, now);
        m = m.due(now.plus(m.tracker().spec().interval()));
      }
      monitors.put(key, m);
    }
    monitors.keySet().retainAll(seen);
  }

  /**
   * The stored monitors: listed again after a watched change or every {@link #RESYNC}, otherwise
   * the last listing. A change during a listing marks the list stale again, so it is not lost.
   */
  private List<Resource> storedMonitors() {
    Instant now = clock.instant();
    if (stale || !now.isBefore(nextResync)) {
      stale = false;
      stored = resources.list(kind, null, LabelSelector.ALL).items();
      listings.incrementAndGet();
      nextResync = now.plus(RESYNC);
    }
    return stored;
  }

  private Monitor create(Resource r) {
    try {
      AnomalyMonitorSpec spec = AnomalyMonitorSpec.parse(r.json());
      SeriesTracker tracker = SeriesTracker.warmStarted(spec, history(r, spec));
      LOG.atInfo()
          .addKeyValue("monitor", r.namespace() + "/" + r.name())
          .log("following series; " + tracker.warmStart());
      return new Monitor(r.namespace(), r.name(), r.generation(), tracker, Instant.MIN);
    } catch (PilothouseException e) {
      LOG.atWarn()
          .addKeyValue("monitor", r.namespace() + "/" + r.name())
          .log("invalid AnomalyMonitor skipped: " + e.getMessage());
      return null;
    }
  }

  /**
   * The learning look-back: {@code learningPoints} samples of the spec's interval up to now (the
   * analogue of NAB's probationary period, read instead of waited for).
   */
  private MetricHistory history(Resource r, AnomalyMonitorSpec spec) {
    if (spec.learningPoints() == 0) {
      return new MetricHistory.Points(List.of());
    }
    Instant now = clock.instant();
    return metrics.history(
        spec.provider(),
        context(r.namespace(), r.name()),
        now.minus(spec.learningDuration()),
        now,
        spec.interval());
  }

  private static Map<String, String> context(String namespace, String name) {
    return Map.of("namespace", namespace, "anomalyMonitor", name);
  }

  private void sample(Monitor m, Instant now) {
    AnomalyMonitorSpec spec = m.tracker().spec();
    var context = context(m.namespace(), m.name());
    SeriesTracker.Step step = m.tracker().observe(now, metrics.measure(spec.provider(), context));
    switch (step) {
      case SeriesTracker.Step.Skipped(String reason) ->
          LOG.atDebug().addKeyValue("monitor", m.name()).log("sample skipped: " + reason);
      case SeriesTracker.Step.Scored s when s.anomaly() -> {
        List<PlatformEvent> suspects =
            ChangeCorrelation.suspects(
                now, spec.service(), spec.correlationWindow(), recentChanges());
        PlatformEvent event =
            events.append(SeriesTracker.event(now, m.namespace(), m.name(), spec, s, suspects));
        LOG.atInfo().addKeyValue("monitor", m.name()).log(event.message());
      }
      case SeriesTracker.Step.Scored s -> {}
    }
  }

  private List<PlatformEvent> recentChanges() {
    List<PlatformEvent> out = new ArrayList<>();
    for (String prefix : List.of("rollout.", "flag.")) {
      out.addAll(events.query(new EventQuery(null, null, null, prefix, RECENT_CHANGES)));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (watcher != null) {
      watcher.close();
    }
    scheduler.shutdownNow();
    // a sample in flight must finish before the backend it writes to is closed
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
  }
}
