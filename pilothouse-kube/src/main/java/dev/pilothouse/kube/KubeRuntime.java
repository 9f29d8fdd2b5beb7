package dev.pilothouse.kube;

import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.delivery.TrafficRouter;
import dev.pilothouse.core.events.EventLog;
import dev.pilothouse.core.resource.Resource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Kubernetes cluster registered with this Pilothouse: one gateway, controller and leader
 * election per cluster. Clusters connect in the background, so one that is unreachable does not
 * keep the API from starting; {@link Cluster#synced()} tells when its caches are filled.
 */
public final class KubeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeRuntime.class);

  /**
   * How to reach one cluster.
   *
   * @param name the name it is registered and shown under
   * @param kubeconfig a kubeconfig file; empty for the default ({@code KUBECONFIG} or {@code
   *     ~/.kube/config}), ignored in-cluster
   * @param context the kubeconfig context; empty for the current one
   * @param inCluster use the service account of the pod Pilothouse runs in
   */
  public record ClusterConfig(
      String name, Optional<Path> kubeconfig, Optional<String> context, boolean inCluster) {}

  /** Where leader election keeps its Lease and who this replica is. */
  public record Election(String namespace, String leaseName, String identity) {}

  /** One registered cluster. */
  public record Cluster(String name, KubeController controller, KubeRolloutOperations operations) {
    /** True once the informer caches are filled. */
    public boolean synced() {
      return controller.gateway().synced();
    }

    /** The cluster's Rollouts from the informer cache (all namespaces). */
    public List<Resource> rollouts() {
      return controller.gateway().cachedAll(KubeKinds.ROLLOUTS);
    }
  }

  private static final Duration MAX_RETRY = Duration.ofMinutes(1);
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private volatile boolean closed;
  private final List<AutoCloseable> closing = new ArrayList<>();

  private KubeRuntime() {}

  /** Connects to every cluster and campaigns for leadership in each. */
  public static KubeRuntime start(
      List<ClusterConfig> configs,
      Election election,
      MetricSource metrics,
      EventLog events,
      PrometheusRegistry registry,
      Clock clock) {
    return start(configs, election, metrics, events, registry, Map.of(), clock);
  }

  /**
   * Connects to every cluster and campaigns for leadership in each; rollouts in any cluster may
   * name the plugin routers {@code pluginRouters} (by plugin name), e.g. the server's flag router.
   */
  public static KubeRuntime start(
      List<ClusterConfig> configs,
      Election election,
      MetricSource metrics,
      EventLog events,
      PrometheusRegistry registry,
      Map<String, TrafficRouter> pluginRouters,
      Clock clock) {
    KubeRuntime runtime = new KubeRuntime();
    KubeMetrics kubeMetrics = new KubeMetrics(registry);
    for (ClusterConfig config : configs) {
      if (runtime.clusters.containsKey(config.name())) {
        throw new IllegalArgumentException("cluster " + config.name() + " is registered twice");
      }
      KubernetesClient client = client(config);
      KubeGateway gateway = new KubeGateway(config.name(), client, Duration.ofMinutes(15), clock);
      KubeController controller =
          new KubeController(
              gateway,
              metrics,
              events,
              kubeMetrics,
              KubeController.Options.DEFAULTS,
              pluginRouters,
              clock);
      runtime.clusters.put(
          config.name(),
          new Cluster(config.name(), controller, new KubeRolloutOperations(gateway, clock)));
      runtime.closing.add(client);
      runtime.closing.add(controller);
      Thread.ofVirtual()
          .name("kube-connect-" + config.name())
          .start(() -> runtime.connect(controller, client, election));
    }
    return runtime;
  }

  /** Connects (retrying with backoff while the cluster is unreachable), then campaigns. */
  private void connect(KubeController controller, KubernetesClient client, Election election) {
    Duration delay = Duration.ofSeconds(1);
    while (!closed) {
      try {
        controller.start();
        break;
      } catch (RuntimeException e) {
        controller.gateway().stop();
        LOG.atWarn()
            .addKeyValue("cluster", controller.cluster())
            .addKeyValue("retryIn", delay)
            .addKeyValue("error", String.valueOf(e.getMessage()))
            .log("cluster could not be connected");
        try {
          Thread.sleep(delay);
        } catch (InterruptedException ie) {
          return;
        }
        delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      }
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closing.add(
          KubeLeaderElection.start(
              client,
              election.namespace(),
              election.leaseName(),
              election.identity(),
              KubeLeaderElection.Timing.DEFAULTS,
              controller));
    }
    LOG.atInfo().addKeyValue("cluster", controller.cluster()).log("cluster connected");
  }

  static KubernetesClient client(ClusterConfig config) {
    if (config.inCluster()) {
      return new KubernetesClientBuilder().build();
    }
    Config c;
    if (config.kubeconfig().isPresent()) {
      Path file = config.kubeconfig().get();
      try {
        c =
            Config.fromKubeconfig(
                config.context().orElse(null), Files.readString(file), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read kubeconfig " + file, e);
      }
    } else {
      c = Config.autoConfigure(config.context().orElse(null));
    }
    return new KubernetesClientBuilder().withConfig(c).build();
  }

  /** The registered clusters, in registration order. */
  public List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  /** A cluster by name. */
  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  @Override
  public void close() {
    List<AutoCloseable> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(closing);
    }
    for (AutoCloseable c : all.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.atWarn().setCause(e).log("closing a cluster connection failed");
      }
    }
  }
}
