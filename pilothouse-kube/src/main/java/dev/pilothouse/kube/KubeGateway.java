package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One Kubernetes cluster seen through fabric8: informers (list + watch caches) on Rollouts,
 * AnalysisRuns, AnalysisTemplates, ClusterAnalysisTemplates and ReplicaSets, and the writes the
 * controller makes. Writes use JSON merge patch, or update with the read resourceVersion where a
 * lost update would be wrong (status); a stale version surfaces as {@link ConflictException}. No
 * server-side apply and no strategic merge patch, so the same code works on every API server and on
 * the fabric8 mock.
 */
public final class KubeGateway implements AutoCloseable {
  /** Kinds watched with informers, in start order. */
  static final List<ResourceDefinitionContext> INFORMED =
      List.of(
          KubeKinds.ANALYSIS_TEMPLATES,
          KubeKinds.CLUSTER_ANALYSIS_TEMPLATES,
          KubeKinds.REPLICA_SETS,
          KubeKinds.ANALYSIS_RUNS,
          KubeKinds.ROLLOUTS);

  private static final String OWNER_INDEX = "owner";

  private final String cluster;
  private final KubernetesClient client;
  private final Duration resync;
  private final Clock clock;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final List<Consumer<Change>> listeners = new ArrayList<>();

  /** A change seen by an informer (add, update, delete, or a resync of an unchanged object). */
  public record Change(ResourceDefinitionContext kind, Resource object) {}

  /**
   * A gateway to {@code client}'s cluster, registered under {@code cluster}.
   *
   * @param resync how often informers re-deliver every cached object (so missed or delayed work is
   *     retried even without changes)
   */
  public KubeGateway(String cluster, KubernetesClient client, Duration resync, Clock clock) {
    this.cluster = cluster;
    this.client = client;
    this.resync = resync;
    this.clock = clock;
  }

  /** The name the cluster is registered under. */
  public String cluster() {
    return cluster;
  }

  /** The fabric8 client (for leader election and tests). */
  public KubernetesClient client() {
    return client;
  }

  /** Calls {@code listener} for every informer change; register before {@link #start}. */
  public synchronized void onChange(Consumer<Change> listener) {
    listeners.add(listener);
  }

  /**
   * Starts the informers and waits until their caches are filled.
   *
   * @throws IllegalStateException when {@link #stop} is called meanwhile
   * @throws RuntimeException when the cluster cannot be listed
   */
  public void start() {
    List<java.util.concurrent.CompletableFuture<Void>> started = new ArrayList<>();
    synchronized (this) {
      for (ResourceDefinitionContext kind : INFORMED) {
        if (!informers.containsKey(kind.getPlural())) {
          SharedIndexInformer<GenericKubernetesResource> informer = inform(kind);
          informers.put(kind.getPlural(), informer);
          started.add(informer.start().toCompletableFuture());
        }
      }
    }
    // Waited for outside the lock, so stop() can interrupt a start against an unreachable server.
    var all =
        java.util.concurrent.CompletableFuture.allOf(
            started.toArray(new java.util.concurrent.CompletableFuture[0]));
    while (true) {
      try {
        all.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException e) {
        if (informers.isEmpty()) {
          throw new IllegalStateException("gateway " + cluster + " stopped while starting");
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + cluster, e);
      }
    }
  }

  /** Stops the informers (their caches are dropped); {@link #start} lists everything again. */
  public synchronized void stop() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
  }

  /** True when every informer is running and has synced. */
  public boolean synced() {
    return informers.size() == INFORMED.size()
        && informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced());
  }

  private SharedIndexInformer<GenericKubernetesResource> inform(ResourceDefinitionContext kind) {
    var ops = client.genericKubernetesResources(kind);
    SharedIndexInformer<GenericKubernetesResource> informer =
        kind.isNamespaceScoped()
            ? ops.inAnyNamespace().runnableInformer(resync.toMillis())
            : ops.runnableInformer(resync.toMillis());
    // Owned objects are looked up by owner on every reconcile: index them instead of scanning.
    informer.addIndexers(
        Map.of(
            OWNER_INDEX,
            r -> {
              Map<String, String> labels = r.getMetadata().getLabels();
              String owner = labels == null ? null : labels.get(Revisions.OWNER_LABEL);
              return owner == null
                  ? List.of()
                  : List.of(r.getMetadata().getNamespace() + "/" + owner);
            }));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource obj) {
            fire(kind, obj);
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
            fire(kind, obj);
          }

          @Override
          public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) {
            fire(kind, obj);
          }
        });
    return informer;
  }

  private void fire(ResourceDefinitionContext kind, GenericKubernetesResource obj) {
    Change change = new Change(kind, toResource(obj));
    List<Consumer<Change>> current;
    synchronized (this) {
      current = List.copyOf(listeners);
    }
    current.forEach(l -> l.accept(change));
  }

  // ---- reads ----

  /** The informer's copy of an object (possibly a little stale), if cached. */
  public Optional<Resource> cached(ResourceDefinitionContext kind, String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind.getPlural());
    if (informer == null) {
      return read(kind, namespace, name);
    }
    String key = kind.isNamespaceScoped() ? namespace + "/" + name : name;
    return Optional.ofNullable(informer.getStore().getByKey(key)).map(KubeGateway::toResource);
  }

  /** Cached objects of a kind in a namespace carrying label {@code key=value}. */
  public List<Resource> cachedList(
      ResourceDefinitionContext kind, String namespace, String key, String value) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind.getPlural());
    List<GenericKubernetesResource> items;
    if (informer != null && key.equals(Revisions.OWNER_LABEL)) {
      items = informer.getIndexer().byIndex(OWNER_INDEX, namespace + "/" + value);
    } else if (informer != null) {
      items = informer.getStore().list();
    } else {
      items = client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
    }
    return items.stream()
        .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
        .filter(r ->
            r.getMetadata().getLabels() != null
                && value.equals(r.getMetadata().getLabels().get(key)))
        .map(KubeGateway::toResource)
        .toList();
  }

  /** Every cached object of a kind (all namespaces). */
  public List<Resource> cachedAll(ResourceDefinitionContext kind) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind.getPlural());
    List<GenericKubernetesResource> items =
        informer != null
            ? informer.getStore().list()
            : (kind.isNamespaceScoped()
                    ? client.genericKubernetesResources(kind).inAnyNamespace().list()
                    : client.genericKubernetesResources(kind).list())
                .getItems();
    return items.stream().map(KubeGateway::toResource).toList();
  }

  /** A fresh read from the API server. */
  public Optional<Resource> read(ResourceDefinitionContext kind, String namespace, String name) {
    return Optional.ofNullable(ops(kind, namespace).withName(name).get())
        .map(KubeGateway::toResource);
  }

  // ---- writes ----

  /**
   * Creates an object.
   *
   * @throws AlreadyExistsException when the name is taken
   */
  public Resource create(ResourceDefinitionContext kind, String namespace, ObjectNode body) {
    try {
      return toResource(ops(kind, namespace).resource(fromJson(body)).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new AlreadyExistsException(kind.getKind() + " " + name(body) + " exists", e);
      }
      throw e;
    }
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to an object.
   *
   * @throws NotFoundException when it does not exist
   */
  public Resource mergePatch(
      ResourceDefinitionContext kind, String namespace, String name, ObjectNode patch) {
    try {
      return toResource(
          ops(kind, namespace)
              .withName(name)
              .patch(PatchContext.of(PatchType.JSON_MERGE), Json.write(patch)));
    } catch (KubernetesClientException e) {
      throw translate(e, kind, name);
    }
  }

  /**
   * Replaces an object's spec and metadata if its resourceVersion still matches the body's.
   *
   * @throws ConflictException when it changed meanwhile
   */
  public Resource update(ResourceDefinitionContext kind, String namespace, ObjectNode body) {
    try {
      return toResource(ops(kind, namespace).resource(fromJson(body)).update());
    } catch (KubernetesClientException e) {
      throw translate(e, kind, name(body));
    }
  }

  /**
   * Replaces an object's status through the status subresource, if its resourceVersion still
   * matches the body's (the API server answers 409 otherwise, as for client-go's UpdateStatus).
   *
   * @throws ConflictException when it changed meanwhile
   */
  public Resource updateStatus(ResourceDefinitionContext kind, String namespace, ObjectNode body) {
    try {
      return toResource(ops(kind, namespace).resource(fromJson(body)).updateStatus());
    } catch (KubernetesClientException e) {
      throw translate(e, kind, name(body));
    }
  }

  /**
   * Records a Kubernetes Event on an object ({@code kubectl describe} and {@code kubectl get
   * events} show it). Failures are ignored: events are best effort, as in client-go.
   */
  public void event(Resource about, String type, String reason, String message) {
    try {
      String now = clock.instant().toString();
      client
          .v1()
          .events()
          .inNamespace(about.namespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(about.name() + "." + UUID.randomUUID().toString().substring(0, 8))
                  .withNamespace(about.namespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(about.apiVersion())
                          .withKind(about.kind())
                          .withName(about.name())
                          .withNamespace(about.namespace())
                          .withUid(about.uid())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent("pilothouse-rollouts")
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // Best effort: an event lost to a transient error must not fail the reconcile.
    }
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      ops(ResourceDefinitionContext kind, String namespace) {
    var ops = client.genericKubernetesResources(kind);
    return kind.isNamespaceScoped() ? ops.inNamespace(namespace) : ops;
  }

  private static RuntimeException translate(
      KubernetesClientException e, ResourceDefinitionContext kind, String name) {
    return switch (e.getCode()) {
      case 409 -> new ConflictException(kind.getKind() + " " + name + " changed meanwhile", e);
      case 404 -> new NotFoundException(kind.getKind() + " " + name + " not found", e);
      default -> e;
    };
  }

  private static String name(ObjectNode body) {
    return body.path("metadata").path("name").asText();
  }

  /** The core view of a fabric8 object. */
  static Resource toResource(GenericKubernetesResource r) {
    return Resource.of(Json.MAPPER.valueToTree(r));
  }

  static GenericKubernetesResource fromJson(ObjectNode body) {
    return Json.MAPPER.convertValue(body, GenericKubernetesResource.class);
  }

  @Override
  public void close() {
    stop();
  }
}
