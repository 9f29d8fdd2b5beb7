package dev.pilothouse.kube;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The controller's metrics, labelled by cluster: {@code pilothouse_kube_queue_depth}, {@code
 * pilothouse_kube_leader}, {@code pilothouse_kube_reconcile_seconds} (histogram by kind) and {@code
 * pilothouse_kube_reconciles_total} (by kind and result: ok, error, conflict).
 */
public final class KubeMetrics {
  private final List<KubeController> controllers = new CopyOnWriteArrayList<>();
  final Histogram latency;
  final Counter reconciles;

  /** Registers the metrics in {@code registry} (once per registry). */
  public KubeMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("pilothouse_kube_queue_depth")
        .help("Keys waiting in the controller work queue")
        .labelNames("cluster")
        .callback(cb -> controllers.forEach(c -> cb.call(c.queueDepth(), c.cluster())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("pilothouse_kube_leader")
        .help("1 while this replica is the active controller for the cluster")
        .labelNames("cluster")
        .callback(cb -> controllers.forEach(c -> cb.call(c.reconciling() ? 1 : 0, c.cluster())))
        .register(registry);
    latency =
        Histogram.builder()
            .name("pilothouse_kube_reconcile_seconds")
            .help("Time one reconcile took")
            .labelNames("cluster", "kind")
            .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    reconciles =
        Counter.builder()
            .name("pilothouse_kube_reconciles_total")
            .help("Reconciles by kind and result (ok, error, conflict)")
            .labelNames("cluster", "kind", "result")
            .register(registry);
  }

  void register(KubeController controller) {
    controllers.add(controller);
  }

  void unregister(KubeController controller) {
    controllers.remove(controller);
  }
}
