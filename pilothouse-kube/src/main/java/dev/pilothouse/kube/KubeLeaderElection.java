package dev.pilothouse.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active controller per cluster through a {@code coordination.k8s.io/v1} Lease (fabric8's
 * LeaderElector): the holder reconciles, the others keep their informers warm and serve the API. A
 * leader that cannot renew within {@code renewDeadline} stops reconciling before its lease expires,
 * so two replicas never act at once; on shutdown the lease is released so a standby takes over at
 * once. The elector keeps campaigning after losing, so a replica can lead again.
 */
public final class KubeLeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeLeaderElection.class);

  /** Lease timings; {@link #DEFAULTS} are client-go's (15 s / 10 s / 2 s). */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timing DEFAULTS =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  private final ExecutorService executor;
  private volatile boolean closed;
  private volatile CompletableFuture<?> running;

  private KubeLeaderElection(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Campaigns for the lease {@code namespace/leaseName} as {@code identity}; {@code controller}
   * reconciles only while this replica holds it.
   */
  public static KubeLeaderElection start(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      Timing timing,
      KubeController controller) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("lease-" + controller.cluster()).unstarted(r));
    KubeLeaderElection election = new KubeLeaderElection(executor);
    LeaderElectionConfig config =
        new LeaderElectionConfig(
            new LeaseLock(namespace, leaseName, identity),
            timing.leaseDuration(),
            timing.renewDeadline(),
            timing.retryPeriod(),
            new LeaderCallbacks(
                controller::startReconciling,
                controller::stopReconciling,
                leader ->
                    LOG.atInfo()
                        .addKeyValue("cluster", controller.cluster())
                        .addKeyValue("leader", leader)
                        .log("new leader")),
            true,
            leaseName);
    election.campaign(new LeaderElector(client, config, executor));
    return election;
  }

  private void campaign(LeaderElector elector) {
    if (closed) {
      return;
    }
    // start() completes when leadership is lost; campaign again as a standby.
    running = elector.start();
    running.whenComplete((ok, error) -> {
      if (!closed) {
        campaign(elector);
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<?> current = running;
    if (current != null) {
      current.cancel(true);
    }
    executor.shutdownNow();
  }
}
