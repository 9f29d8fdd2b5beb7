package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.local.PortMap;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.proxy.Backend;
import dev.pilothouse.proxy.Listener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the proxy's routes from Services, Rollouts and serving pods. Pure.
 *
 * <ul>
 *   <li>Each port of a Service with a selector gets a listener on its {@code port} (named as in
 *       {@link #listenerName}); its backends are the serving pods the selector matches, at their
 *       loopback port for the {@code targetPort} (a number or a container port name; default the
 *       {@code port}), mapped by each pod's {@link PortMap}.
 *   <li>When a Rollout with {@code strategy.canary.trafficRouting} owns those pods and the Service
 *       does not pin one revision, the Rollout's status weights apply: the canary revision gets
 *       {@code status.canary.weights.canary.weight} percent and the stable one the rest, each split
 *       evenly over its serving pods; older revisions get nothing.
 *   <li>Otherwise every pod gets the same weight, so the split follows the replica counts.
 * </ul>
 *
 * A backend's version (the metrics label) is its pod-template hash.
 */
public final class ServiceRoutes {
  /** Per-pod weight unit: divisible by 1 to 6 pods, so splits stay exact and totals small. */
  private static final int UNIT = 60;

  private ServiceRoutes() {}

  /** One listener and its backends. */
  public record Route(Listener listener, List<Backend> backends) {}

  /** Routes in service and port order; services without a selector or ports are left out. */
  public static List<Route> plan(
      List<Resource> services, List<Resource> rollouts, List<LocalRuntime.Pod> pods) {
    List<Route> routes = new ArrayList<>();
    for (Resource service : services) {
      JsonNode spec = service.json().path("spec");
      Map<String, String> selector = strings(spec.path("selector"));
      if (selector.isEmpty()) {
        continue;
      }
      List<LocalRuntime.Pod> matching =
          pods.stream()
              .filter(LocalRuntime.Pod::serving)
              .filter(p -> p.namespace().equals(service.namespace()))
              .filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
              .sorted(java.util.Comparator.comparing(LocalRuntime.Pod::name))
              .toList();
      Resource rollout =
          selector.containsKey(Revisions.HASH_LABEL)
              ? null
              : routedRollout(service, selector, rollouts);
      JsonNode ports = spec.path("ports");
      for (int i = 0; i < ports.size(); i++) {
        JsonNode port = ports.path(i);
        if (port.path("port").asInt(0) == 0) {
          continue;
        }
        JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
        routes.add(
            new Route(
                new Listener(listenerName(service, port, i), port.path("port").asInt()),
                rollout == null ? even(matching, target) : weighted(rollout, matching, target)));
      }
    }
    return routes;
  }

  /**
   * {@code <namespace>/<name>} for a Service's first port (the name the metrics and the {@code
   * proxy} analysis provider use), {@code <namespace>/<name>:<port name or number>} for the others.
   */
  static String listenerName(Resource service, JsonNode port, int index) {
    String base = service.namespace() + "/" + service.name();
    return index == 0 ? base : base + ":" + port.path("name").asText(port.path("port").asText());
  }

  private static Resource routedRollout(
      Resource service, Map<String, String> selector, List<Resource> rollouts) {
    for (Resource r : rollouts) {
      JsonNode spec = r.json().path("spec");
      if (r.namespace().equals(service.namespace())
          && spec.path("strategy").path("canary").has("trafficRouting")
          && strings(spec.path("template").path("metadata").path("labels"))
              .entrySet()
              .containsAll(selector.entrySet())) {
        return r;
      }
    }
    return null;
  }

  private static List<Backend> even(List<LocalRuntime.Pod> pods, JsonNode target) {
    return pods.stream().map(p -> backend(p, target, UNIT)).toList();
  }

  private static List<Backend> weighted(
      Resource rollout, List<LocalRuntime.Pod> pods, JsonNode target) {
    JsonNode weights = rollout.status().path("canary").path("weights");
    String canary = weights.path("canary").path("podTemplateHash").asText("");
    String stable = weights.path("stable").path("podTemplateHash").asText("");
    int canaryWeight = weights.path("canary").path("weight").asInt(0);
    if (stable.isEmpty()) {
      return even(pods, target); // first revision, before the rollout wrote weights
    }
    Map<String, Integer> percent = new HashMap<>();
    percent.merge(stable, 100 - canaryWeight, Integer::sum);
    percent.merge(canary, canaryWeight, Integer::sum);
    Map<String, Integer> count = new LinkedHashMap<>();
    pods.forEach(p -> count.merge(hash(p), 1, Integer::sum));
    return pods.stream()
        .map(p -> {
          int share = percent.getOrDefault(hash(p), 0);
          return backend(p, target, share * UNIT / count.get(hash(p)));
        })
        .toList();
  }

  /** The pod's port for the Service port's {@code targetPort} (see {@link PortMap#resolve}). */
  private static Backend backend(LocalRuntime.Pod pod, JsonNode target, int weight) {
    return new Backend("127.0.0.1", pod.ports().resolve(target), hash(pod), weight);
  }

  private static String hash(LocalRuntime.Pod pod) {
    return pod.labels().getOrDefault(Revisions.HASH_LABEL, pod.replicaSet());
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
