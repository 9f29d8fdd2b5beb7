package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.MetricSource;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.contract.RolloutWorld;
import dev.pilothouse.core.events.InMemoryEventLog;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Resource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The Kubernetes runtime under contract test: the controller against a (mock) API server. */
final class KubeWorld implements RolloutWorld {
  final KubernetesClient client;
  final KubeGateway gateway;
  final KubeController controller;
  final KubeRolloutOperations operations;
  final InMemoryEventLog events = new InMemoryEventLog();
  private final FakeReplicaSetController pods;
  final AutoCloseable cluster;

  KubeWorld(String name, KubernetesClient client, AutoCloseable cluster, MetricSource metrics) {
    this(name, client, cluster, metrics, new KubeMetrics(new PrometheusRegistry()));
  }

  KubeWorld(
      String name,
      KubernetesClient client,
      AutoCloseable cluster,
      MetricSource metrics,
      KubeMetrics kubeMetrics) {
    this(name, client, cluster, metrics, kubeMetrics, true);
  }

  /** With {@code fakePods} false the cluster's own controllers run the pods (a real cluster). */
  KubeWorld(
      String name,
      KubernetesClient client,
      AutoCloseable cluster,
      MetricSource metrics,
      KubeMetrics kubeMetrics,
      boolean fakePods) {
    this.client = client;
    this.cluster = cluster;
    this.pods = fakePods ? new FakeReplicaSetController(client) : null;
    this.gateway = new KubeGateway(name, client, Duration.ofSeconds(30), Clock.systemUTC());
    this.controller =
        new KubeController(
            gateway,
            metrics,
            events,
            kubeMetrics,
            KubeController.Options.DEFAULTS,
            Clock.systemUTC());
    this.operations = new KubeRolloutOperations(gateway, Clock.systemUTC());
  }

  /** Starts informers and reconciling (no election). */
  KubeWorld started() {
    controller.start();
    controller.startReconciling();
    return this;
  }

  @Override
  public void apply(String yaml) {
    for (JsonNode doc : Yaml.readAll(yaml, "test")) {
      apply(client, (ObjectNode) doc);
    }
  }

  static void apply(KubernetesClient client, ObjectNode doc) {
    ResourceDefinitionContext kind = kind(doc);
    String ns = doc.path("metadata").path("namespace").asText(NAMESPACE);
    var ops =
        kind.isNamespaceScoped()
            ? client.genericKubernetesResources(kind).inNamespace(ns)
            : client.genericKubernetesResources(kind);
    var existing = ops.withName(doc.path("metadata").path("name").asText()).get();
    if (existing == null) {
      ops.resource(KubeGateway.fromJson(doc)).create();
      return;
    }
    ObjectNode updated = KubeGateway.toResource(existing).toJson();
    updated.set("spec", doc.path("spec"));
    ops.resource(KubeGateway.fromJson(updated)).update();
  }

  static ResourceDefinitionContext kind(JsonNode doc) {
    return switch (doc.path("kind").asText()) {
      case "Rollout" -> KubeKinds.ROLLOUTS;
      case "AnalysisTemplate" -> KubeKinds.ANALYSIS_TEMPLATES;
      case "ClusterAnalysisTemplate" -> KubeKinds.CLUSTER_ANALYSIS_TEMPLATES;
      case "AnalysisRun" -> KubeKinds.ANALYSIS_RUNS;
      case "Service" -> KubeKinds.SERVICES;
      case "HTTPRoute" -> KubeKinds.HTTP_ROUTES;
      default -> throw new IllegalArgumentException("kind " + doc.path("kind"));
    };
  }

  @Override
  public JsonNode status(String rollout) {
    return gateway
        .read(KubeKinds.ROLLOUTS, NAMESPACE, rollout)
        .map(Resource::status)
        .orElse(MissingNode.getInstance());
  }

  @Override
  public void promote(String rollout, boolean full) {
    operations.promote(NAMESPACE, rollout, full);
  }

  @Override
  public void abort(String rollout) {
    operations.abort(NAMESPACE, rollout, "test");
  }

  @Override
  public int replicas(String rollout, String hash) {
    Optional<Resource> rs =
        gateway.read(KubeKinds.REPLICA_SETS, NAMESPACE, ReplicaSetDocuments.name(rollout, hash));
    return rs.map(r -> r.json().path("spec").path("replicas").asInt()).orElse(-1);
  }

  @Override
  public String selectedHash(String service) {
    return gateway
        .read(KubeKinds.SERVICES, NAMESPACE, service)
        .map(s -> s.json().path("spec").path("selector").path(Revisions.HASH_LABEL).asText(""))
        .orElse("");
  }

  @Override
  public void close() throws Exception {
    controller.close();
    if (pods != null) {
      pods.close();
    }
    cluster.close();
  }
}
