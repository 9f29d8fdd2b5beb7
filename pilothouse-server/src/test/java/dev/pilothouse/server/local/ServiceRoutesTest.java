package dev.pilothouse.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.proxy.Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRoutesTest {
  private static final String HASH = "rollouts-pod-template-hash";

  private static Resource doc(String yaml) {
    return Resource.of(Yaml.readAll(yaml, "test").getFirst());
  }

  private static Resource service(String selector) {
    return doc(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: %s, ports: [{port: 9000}]}
        """
            .formatted(selector));
  }

  private static Resource rollout(boolean routed, String canary, String stable, int weight) {
    return doc(
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: web, namespace: shop}
        spec:
          template: {metadata: {labels: {app: web}}}
          strategy: {canary: {%s steps: []}}
        status:
          canary:
            weights:
              canary: {podTemplateHash: %s, weight: %d}
              stable: {podTemplateHash: %s, weight: %d}
        """
            .formatted(
                routed ? "trafficRouting: {plugins: {pilothouse.dev/proxy: {}}}," : "",
                canary,
                weight,
                stable,
                100 - weight));
  }

  private static LocalRuntime.Pod pod(String name, String hash, int port, boolean serving) {
    return new LocalRuntime.Pod(
        "shop",
        name,
        "web-" + hash,
        Map.of("app", "web", HASH, hash),
        dev.pilothouse.core.local.PortMap.single(port),
        serving);
  }

  private static final List<LocalRuntime.Pod> PODS =
      List.of(
          pod("web-s-0", "s", 1001, true),
          pod("web-s-1", "s", 1002, true),
          pod("web-s-2", "s", 1003, true),
          pod("web-c-0", "c", 2001, true),
          pod("web-c-1", "c", 2002, false),
          pod("web-o-0", "o", 3001, true));

  @Test
  void aRoutedRolloutsWeightsAreSplitEvenlyOverEachRevisionsServingPods() {
    List<ServiceRoutes.Route> routes =
        ServiceRoutes.plan(
            List.of(service("{app: web}")), List.of(rollout(true, "c", "s", 20)), PODS);
    assertThat(routes).hasSize(1);
    assertThat(routes.getFirst().listener().service()).isEqualTo("shop/web");
    assertThat(routes.getFirst().listener().port()).isEqualTo(9000);
    Map<String, Integer> byVersion = new java.util.TreeMap<>();
    for (Backend b : routes.getFirst().backends()) {
      byVersion.merge(b.version(), b.weight(), Integer::sum);
    }
    // 80% over three stable pods, 20% on the one serving canary pod, nothing for the old one.
    assertThat(byVersion)
        .containsExactlyInAnyOrderEntriesOf(Map.of("s", 80 * 60, "c", 20 * 60, "o", 0));
    assertThat(routes.getFirst().backends()).extracting(Backend::port).doesNotContain(2002);
  }

  @Test
  void withoutTrafficRoutingEveryServingPodGetsTheSameWeight() {
    List<ServiceRoutes.Route> routes =
        ServiceRoutes.plan(
            List.of(service("{app: web}")), List.of(rollout(false, "c", "s", 20)), PODS);
    assertThat(routes.getFirst().backends())
        .hasSize(5)
        .extracting(Backend::weight)
        .containsOnly(60);
  }

  @Test
  void aServicePinnedToOneRevisionOnlyGetsThatRevisionsPods() {
    List<ServiceRoutes.Route> routes =
        ServiceRoutes.plan(
            List.of(service("{app: web, " + HASH + ": c}")),
            List.of(rollout(true, "c", "s", 20)),
            PODS);
    assertThat(routes.getFirst().backends()).extracting(Backend::port).containsExactly(2001);
  }

  @Test
  void servicesWithoutASelectorOrPortGetNoListener() {
    Resource noPort =
        doc(
            "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\nspec: {selector: {app: web}}");
    Resource noSelector =
        doc(
            "apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: shop}\nspec: {ports: [{port: 1}]}");
    assertThat(ServiceRoutes.plan(List.of(noPort, noSelector), List.of(), PODS)).isEmpty();
  }

  @Test
  void eachServicePortGetsItsOwnListenerRoutedToThePodsPortForItsTargetPort() {
    Resource service =
        doc(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports:
              - {name: web, port: 9000, targetPort: http}
              - {name: metrics, port: 9001, targetPort: 9090}
              - {port: 9002}
            """);
    dev.pilothouse.core.local.PortMap ports =
        new dev.pilothouse.core.local.PortMap(
            List.of(
                new dev.pilothouse.core.local.PortMap.Mapped("http", 8080, 41000),
                new dev.pilothouse.core.local.PortMap.Mapped("admin", 9090, 41001)));
    LocalRuntime.Pod pod =
        new LocalRuntime.Pod(
            "shop", "api-0", "api-h", Map.of("app", "api", HASH, "h"), ports, true);

    List<ServiceRoutes.Route> routes =
        ServiceRoutes.plan(List.of(service), List.of(), List.of(pod));

    assertThat(routes)
        .extracting(r -> r.listener().service(), r -> r.listener().port())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shop/api", 9000),
            org.assertj.core.groups.Tuple.tuple("shop/api:metrics", 9001),
            org.assertj.core.groups.Tuple.tuple("shop/api:9002", 9002));
    assertThat(routes)
        .extracting(r -> r.backends().getFirst().port())
        .as("http by name, 9090 by container port, no targetPort: the main port")
        .containsExactly(41000, 41001, 41000);
  }
}
