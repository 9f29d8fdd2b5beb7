package dev.pilothouse.bench;

import dev.pilothouse.core.events.InMemoryEventLog;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.server.delivery.InstantReadiness;
import dev.pilothouse.server.delivery.RolloutController;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;

/**
 * Reconcile cost and memory of many rollouts in steady state on the in-memory store: creates N
 * canary rollouts (4 replicas, 5 steps), drives each to Healthy, then times R steady-state
 * reconciles of every rollout and reports p50/p99/max and the heap in use after a full GC.
 *
 * <p>Usage: {@code RolloutReconcileBench [rollouts] [rounds]}; run with {@code -Xmx1g} to check the
 * 1 GB target.
 */
public final class RolloutReconcileBench {
  private RolloutReconcileBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    KindRegistry kinds = KindRegistry.builtin();
    InMemoryResourceStore store = new InMemoryResourceStore(1000, Clock.systemUTC());
    ResourceService resources = new ResourceService(kinds, store, Clock.systemUTC());
    RolloutController controller =
        new RolloutController(resources, new InMemoryEventLog(), Clock.systemUTC());
    InstantReadiness pods = new InstantReadiness(resources);
    KindInfo rollouts = kinds.byPath("argoproj.io", "v1alpha1", "rollouts");
    KindInfo replicaSets = kinds.byPath("apps", "v1", "replicasets");
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Resource r =
          resources.create(
              rollouts,
              "ns" + (i % 100),
              Yaml.readAll(rollout("app-" + i), "bench").getFirst(),
              Actor.SYSTEM);
      ResourceKey key = ResourceKey.of(rollouts, r.namespace(), r.name());
      controller.reconcile(key);
      resources
          .list(
              replicaSets,
              r.namespace(),
              dev.pilothouse.core.resource.LabelSelector.parse(
                  "rollouts.pilothouse.dev/rollout=" + r.name()))
          .items()
          .forEach(rs -> pods.reconcile(ResourceKey.of(replicaSets, rs.namespace(), rs.name())));
      controller.reconcile(key);
    }
    double setupSeconds = (System.nanoTime() - start) / 1e9;
    double[] micros = new double[count * rounds];
    int n = 0;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        controller.reconcile(
            new ResourceKey("argoproj.io", "Rollout", "ns" + (i % 100), "app-" + i));
        micros[n++] = (System.nanoTime() - t0) / 1e3;
      }
    }
    Arrays.sort(micros);
    System.gc();
    Thread.sleep(500);
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        "| rollouts | setup | reconciles | p50 | p99 | max | heap after GC | max heap |%n|---|---|---|---|---|---|---|---|%n");
    System.out.printf(
        "| %,d | %.1f s | %,d | %.0f µs | %.0f µs | %.1f ms | %,d MB | %,d MB |%n",
        count,
        setupSeconds,
        n,
        micros[n / 2],
        micros[(int) (n * 0.99)],
        micros[n - 1] / 1000,
        heap >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static String rollout(String name) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: %s}
    spec:
      replicas: 4
      selector: {matchLabels: {app: %s}}
      template:
        metadata: {labels: {app: %s}}
        spec:
          containers: [{name: app, image: "app:v1", ports: [{containerPort: 8080}]}]
      strategy:
        canary:
          steps: [{setWeight: 20}, {pause: {duration: 5m}}, {setWeight: 50}, {pause: {duration: 10m}}, {setWeight: 100}]
    """
        .formatted(name, name, name);
  }
}
