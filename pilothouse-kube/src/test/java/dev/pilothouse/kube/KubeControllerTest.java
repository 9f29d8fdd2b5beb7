package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.resource.Resource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller process on the fabric8 CRUD mock: retries, resync, election, many clusters. */
class KubeControllerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private KubeWorld world(String name, KubeMetrics metrics) {
    MockCluster cluster = new MockCluster();
    KubeWorld world =
        new KubeWorld(name, cluster.client, cluster, new InMemoryMetricSource(), metrics);
    closing.add(world);
    return world;
  }

  private KubeWorld world(String name) {
    return world(name, new KubeMetrics(new PrometheusRegistry()));
  }

  static String rollout(String name, String image) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: %s, namespace: delivery}
    spec:
      replicas: 2
      selector: {matchLabels: {app: %s}}
      template:
        metadata: {labels: {app: %s}}
        spec:
          containers: [{name: app, image: "%s"}]
      strategy:
        canary:
          steps: [{setWeight: 50}, {pause: {}}]
    """
        .formatted(name, name, name, image);
  }

  private static String phase(KubeWorld world, String rollout) {
    return world.status(rollout).path("phase").asText();
  }

  @Test
  void statusWriteConflictsAreRetriedFromAFreshReadAndConverge() {
    KubeWorld world = world("mock").started();
    world.apply(rollout("web", "web:v1"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Healthy"));

    VersionCheckingDispatcher dispatcher = dispatcher(world);
    dispatcher.conflictNextStatusWrites(3);
    world.apply(rollout("web", "web:v2"));

    await().atMost(WAIT).until(() -> phase(world, "web").equals("Paused"));
    assertThat(dispatcher.conflicts.get()).isGreaterThanOrEqualTo(3);
    assertThat(world.controller.statusConflicts()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aStaleReadConflictsOnceAndTheRetryPlansFromTheFreshObject() {
    KubeWorld world = world("mock");
    world.controller.start();
    world.apply(rollout("web", "web:v1"));
    await()
        .atMost(WAIT)
        .until(() -> world.gateway.cached(KubeKinds.ROLLOUTS, "delivery", "web").isPresent());
    Resource stale = world.gateway.read(KubeKinds.ROLLOUTS, "delivery", "web").orElseThrow();
    // Someone else writes the status between our read and our write.
    world.operations.abort("delivery", "web", "someone");

    KubeRolloutReconciler reconciler = reconciler(world);
    reconciler.reconcile(stale);

    assertThat(reconciler.conflicts()).isEqualTo(1);
    JsonNode status = world.status("web");
    // The abort written meanwhile survived: the retry planned from it instead of overwriting it.
    assertThat(status.path("abort").asBoolean()).isTrue();
  }

  private static KubeRolloutReconciler reconciler(KubeWorld world) {
    return new KubeRolloutReconciler(
        world.gateway,
        new KubeActionApplier(
            world.gateway,
            new KubeAnalysisRuns(
                world.gateway, new dev.pilothouse.core.analysis.ConditionEvaluator()),
            new TrafficRouters(world.gateway, java.util.Map.of())),
        new dev.pilothouse.core.resource.RetryPolicy(3),
        new dev.pilothouse.core.events.InMemoryEventLog(),
        java.time.Clock.systemUTC());
  }

  private static VersionCheckingDispatcher dispatcher(KubeWorld world) {
    return ((MockCluster) world.cluster).dispatcher;
  }

  @Test
  void restartedInformersListAgainAndPickUpWhatChangedWhileTheyWereStopped() {
    KubeWorld world = world("mock").started();
    world.apply(rollout("web", "web:v1"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Healthy"));

    world.gateway.stop();
    assertThat(world.gateway.synced()).isFalse();
    world.apply(rollout("late", "late:v1"));
    world.apply(rollout("web", "web:v2"));

    world.gateway.start();
    assertThat(world.gateway.synced()).isTrue();
    await().atMost(WAIT).until(() -> phase(world, "late").equals("Healthy"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Paused"));
  }

  @Test
  void aMalformedRolloutIsMarkedInvalidSpecNamingTheFieldAndOthersStillProgress() {
    KubeWorld world = world("mock").started();
    world.apply(
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: broken, namespace: delivery}
        spec:
          replicas: 2
          selector: {matchLabels: {app: broken}}
          template:
            metadata: {labels: {app: broken}}
            spec: {containers: [{name: app, image: "x:1"}]}
          strategy:
            canary:
              steps: [{setWeight: 150}]
        """);
    world.apply(rollout("fine", "fine:v1"));

    await().atMost(WAIT).until(() -> phase(world, "broken").equals("Degraded"));
    JsonNode status = world.status("broken");
    JsonNode condition = status.path("conditions").get(0);
    assertThat(condition.path("type").asText()).isEqualTo("InvalidSpec");
    assertThat(condition.path("status").asText()).isEqualTo("True");
    assertThat(condition.path("message").asText())
        .contains("spec.strategy.canary.steps[0].setWeight");
    assertThat(status.path("message").asText()).startsWith("InvalidSpec");
    await().atMost(WAIT).until(() -> phase(world, "fine").equals("Healthy"));

    // Fixing the spec clears the condition.
    world.apply(rollout("broken", "x:1"));
    await().atMost(WAIT).until(() -> phase(world, "broken").equals("Healthy"));
    assertThat(world.status("broken").has("conditions")).isFalse();
    assertThat(
            world.client.v1().events().inNamespace("delivery").list().getItems().stream()
                .map(e -> e.getReason()))
        .contains("InvalidSpec");
  }

  @Test
  void transitionsBecomeKubernetesEventsAndPlatformEvents() {
    KubeWorld world = world("east").started();
    world.apply(rollout("web", "web:v1"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Healthy"));
    world.apply(rollout("web", "web:v2"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Paused"));

    await()
        .atMost(WAIT)
        .until(() ->
            world.client.v1().events().inNamespace("delivery").list().getItems().stream()
                .anyMatch(e ->
                    e.getReason().equals("RolloutPaused")
                        && e.getInvolvedObject().getName().equals("web")
                        && e.getInvolvedObject().getKind().equals("Rollout")));
    assertThat(
            world.events.query(
                new dev.pilothouse.core.events.EventQuery(null, null, null, null, 100)))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.cluster()).isEqualTo("east"));
  }

  @Test
  void twoClustersAreReconciledAtOnceAndReportedApart() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    KubeMetrics metrics = new KubeMetrics(registry);
    KubeWorld east = world("east", metrics).started();
    KubeWorld west = world("west", metrics).started();
    east.apply(rollout("web", "web:east"));
    west.apply(rollout("web", "web:west"));
    west.apply(rollout("api", "api:west"));

    await().atMost(WAIT).until(() -> phase(east, "web").equals("Healthy"));
    await().atMost(WAIT).until(() -> phase(west, "web").equals("Healthy"));
    await().atMost(WAIT).until(() -> phase(west, "api").equals("Healthy"));
    assertThat(east.status("api").isMissingNode()).isTrue();
    assertThat(east.status("web").path("stableRS").asText())
        .isNotEqualTo(west.status("web").path("stableRS").asText());

    String scrape = scrape(registry);
    assertThat(scrape)
        .contains("pilothouse_kube_queue_depth{cluster=\"east\"}")
        .contains("pilothouse_kube_queue_depth{cluster=\"west\"}")
        .contains("pilothouse_kube_reconcile_seconds_count{cluster=\"west\",kind=\"Rollout\"}")
        .contains("pilothouse_kube_leader{cluster=\"east\"} 1");
  }

  static String scrape(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLeaderThatLosesItsLeaseStopsReconcilingWithinOneLeasePeriod() {
    KubeWorld world = world("mock");
    world.controller.start();
    KubeLeaderElection.Timing timing =
        new KubeLeaderElection.Timing(
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
    KubeLeaderElection election =
        KubeLeaderElection.start(
            world.client, "delivery", "pilothouse", "replica-a", timing, world.controller);
    closing.add(election);
    await().atMost(WAIT).until(world.controller::reconciling);
    world.apply(rollout("web", "web:v1"));
    await().atMost(WAIT).until(() -> phase(world, "web").equals("Healthy"));

    // Another replica takes the lease (as after a network partition healed on its side).
    stealLease(world, "replica-b");
    long stolen = System.nanoTime();
    await()
        .atMost(timing.leaseDuration())
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !world.controller.reconciling());
    assertThat(Duration.ofNanos(System.nanoTime() - stolen)).isLessThan(timing.leaseDuration());

    world.apply(rollout("web", "web:v2"));
    world.apply(rollout("other", "other:v1"));
    // The condition must hold for 2 s without a break; the upper bound only leaves room for a
    // slow evaluation under load (it failed once at 2 s, with the condition never false).
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> world.status("other").isMissingNode() && phase(world, "web").equals("Healthy"));
  }

  /**
   * Writes the lease as another holder would. The elector renews it every 250 ms, so a write can
   * lose the race (409): like any client, try again from a fresh read.
   */
  private static void stealLease(KubeWorld world, String holder) {
    for (int attempt = 1; ; attempt++) {
      try {
        world
            .client
            .leases()
            .inNamespace("delivery")
            .withName("pilothouse")
            .edit((Lease l) -> {
              l.getSpec().setHolderIdentity(holder);
              l.getSpec().setLeaseDurationSeconds(600);
              l.getSpec().setRenewTime(ZonedDateTime.now());
              l.getSpec().setAcquireTime(ZonedDateTime.now());
              return l;
            });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }
}
