package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.proxy.Backend;
import dev.pilothouse.server.local.ServiceRouter;
import dev.pilothouse.server.local.ServiceRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How soon the proxy follows a Rollout's weight change: from the moment the controller commits a
 * new canary weight to the moment the applied route table carries it. The router reacts to the
 * store's watch, so this is milliseconds, not its 5 s safety resync.
 */
class RouteLatencyTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String NS = "latency";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startLocal();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aWeightChangeReachesTheRouteTableWithinMilliseconds() throws Exception {
    Map<Integer, Long> committed = new ConcurrentHashMap<>();
    AtomicReference<String> canaryHash = new AtomicReference<>("");
    server
        .server
        .context()
        .resources()
        .addChangeListener((kind, before, after, actor) -> {
          if (after != null && kind.kind().equals("Rollout") && after.name().equals("lat")) {
            var canary = after.status().path("canary").path("weights").path("canary");
            canaryHash.set(canary.path("podTemplateHash").asText(""));
            committed.putIfAbsent(canary.path("weight").asInt(), System.nanoTime());
          }
        });
    ServiceRouter router = server.server.context().local().router().orElseThrow();
    Map<Integer, Long> routed = new ConcurrentHashMap<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread poller =
        Thread.ofPlatform()
            .start(() -> {
              while (watching.get()) {
                canaryShare(router.routes(), canaryHash.get())
                    .ifPresent(share -> routed.putIfAbsent(share, System.nanoTime()));
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
              }
            });

    int port = LocalFixture.freePort();
    post(LocalFixture.SERVICES.formatted(NS), LocalFixture.service("lat", "lat", port));
    post(
        LocalFixture.ROLLOUTS.formatted(NS),
        LocalFixture.rollout(
            "lat",
            2,
            "v1",
            "[]",
            "[{setWeight: 20}, {pause: {}}, {setWeight: 40}, {pause: {}}, {setWeight: 60},"
                + " {pause: {}}, {setWeight: 80}, {pause: {}}]"));
    awaitPhase("Healthy");
    var patched =
        server.send(
            "PATCH",
            LocalFixture.ROLLOUTS.formatted(NS) + "/lat",
            server.adminToken,
            "application/merge-patch+json",
            LocalFixture.imagePatch("v2", "[]"));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

    List<Long> millis = new ArrayList<>();
    for (int weight : new int[] {40, 60, 80}) {
      awaitRouted(routed, weight - 20);
      awaitPhase("Paused");
      var promoted = server.post("/api/v1/namespaces/" + NS + "/rollouts/lat:promote", "{}");
      assertThat(promoted.statusCode()).as(promoted.body()).isLessThan(300);
      awaitRouted(routed, weight);
      millis.add((routed.get(weight) - committed.get(weight)) / 1_000_000);
    }
    watching.set(false);
    poller.join();

    System.out.println("route update latency after a weight change (ms): " + millis);
    assertThat(millis).allSatisfy(ms -> assertThat(ms).isBetween(0L, 1_000L));
  }

  /** The canary's share in percent of the Service's listener, once it has backends. */
  private static java.util.Optional<Integer> canaryShare(
      List<ServiceRoutes.Route> routes, String canary) {
    for (ServiceRoutes.Route r : routes) {
      if (r.listener().service().equals(NS + "/lat") && !canary.isEmpty()) {
        long total = r.backends().stream().mapToLong(Backend::weight).sum();
        long share =
            r.backends().stream()
                .filter(b -> b.version().equals(canary))
                .mapToLong(Backend::weight)
                .sum();
        return total == 0
            ? java.util.Optional.empty()
            : java.util.Optional.of((int) Math.round(100.0 * share / total));
      }
    }
    return java.util.Optional.empty();
  }

  private static void awaitRouted(Map<Integer, Long> routed, int weight) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!routed.containsKey(weight)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("weight " + weight + " never routed; saw " + routed.keySet());
      }
      Thread.sleep(20);
    }
  }

  private static void awaitPhase(String phase) throws Exception {
    LocalFixture.await(
        "rollout " + phase,
        WAIT,
        () ->
            Resource.of(
                    dev.pilothouse.core.json.Json.parse(
                        server.get(LocalFixture.ROLLOUTS.formatted(NS) + "/lat").body()))
                .status(),
        s -> s.path("phase").asText().equals(phase));
  }

  private static void post(String path, String body) throws Exception {
    var res = server.post(path, body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }
}
