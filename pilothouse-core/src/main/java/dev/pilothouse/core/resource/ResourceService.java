package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resource API's semantics, independent of transport and storage: create, get, list, replace
 * (optionally conditional on resourceVersion), JSON merge patch, the status subresource, delete and
 * watch. Kubernetes is the model: same metadata rules, same generation bumps, same conflict
 * behaviour.
 */
public final class ResourceService {
  private final KindRegistry kinds;
  private final ResourceStore store;
  private final Admission admission;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * Told of every committed change made through this service, after the store committed it.
   * Listeners record derived facts (such as platform events); they must not throw and must be fast,
   * since the writer waits for them.
   */
  @FunctionalInterface
  public interface ChangeListener {
    /**
     * One committed change.
     *
     * @param before the object before, null on create
     * @param after the object after, null on delete
     */
    void changed(KindInfo kind, Resource before, Resource after, Actor actor);
  }

  /** Creates the service over a store, with real time and random UIDs. */
  public ResourceService(KindRegistry kinds, ResourceStore store, Clock clock) {
    this(kinds, store, new Admission(kinds, clock, UUID::randomUUID, new SecureRandom()));
  }

  ResourceService(KindRegistry kinds, ResourceStore store, Admission admission) {
    this.kinds = kinds;
    this.store = store;
    this.admission = admission;
  }

  /** Adds a listener told of every later committed change. */
  public void addChangeListener(ChangeListener listener) {
    listeners.add(listener);
  }

  private void notify(KindInfo kind, Resource before, Resource after, Actor actor) {
    for (ChangeListener l : listeners) {
      l.changed(kind, before, after, actor);
    }
  }

  /** The registry of served kinds. */
  public KindRegistry kinds() {
    return kinds;
  }

  /** Creates a new object of {@code kind} in {@code namespace} (ignored for cluster kinds). */
  public Resource create(KindInfo kind, String namespace, JsonNode body, Actor actor) {
    requireNamespace(kind, namespace);
    // Admission returns a fresh document nobody else holds, so it need not be copied again.
    Resource resource = Resource.owning(admission.forCreate(kind, namespace, body));
    Resource created =
        store.create(ResourceKey.of(kind, namespace, resource.name()), resource, actor);
    notify(kind, null, created, actor);
    return created;
  }

  /** The stored object, or {@link NotFoundException}. */
  public Resource get(KindInfo kind, String namespace, String name) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    return store.get(key).orElseThrow(() -> notFound(key));
  }

  /**
   * Writes an object back as it is, skipping the no-op check a replace makes: the store encodes it
   * anew (with the current encryption key, say). Retried on conflict with the latest version.
   */
  public Resource rewrite(KindInfo kind, String namespace, String name, Actor actor) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    return RetryPolicy.ON_CONFLICT.run(() -> {
      Resource current = get(kind, namespace, name);
      return store.update(key, current.resourceVersion(), current, actor);
    });
  }

  /** Objects of a kind in one namespace (or all when null) that match the selector. */
  public ResourceList list(KindInfo kind, String namespace, LabelSelector selector) {
    return store.list(
        new ResourceQuery(kind.group(), kind.kind(), scope(kind, namespace), selector));
  }

  /**
   * Replaces an object with a full body. When the body carries metadata.resourceVersion the write
   * only succeeds if it is still current (409 otherwise); without one it is unconditional.
   */
  public Resource replace(
      KindInfo kind, String namespace, String name, JsonNode body, Actor actor) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    Resource current = get(kind, namespace, name);
    ObjectNode next = admission.forReplace(kind, current, body);
    return write(kind, key, current, next, expectedVersion(body, current), actor);
  }

  /** Replaces only the status of an object (the status subresource). */
  public Resource replaceStatus(
      KindInfo kind, String namespace, String name, JsonNode body, Actor actor) {
    requireStatusSubresource(kind);
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    Resource current = get(kind, namespace, name);
    ObjectNode next = admission.forStatus(kind, current, body);
    return write(kind, key, current, next, expectedVersion(body, current), actor);
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to the object, or only to its status when {@code status}
   * is set. A resourceVersion in the patch is a precondition; without one, concurrent writers are
   * handled by re-reading and re-applying within {@link RetryPolicy#ON_CONFLICT}.
   */
  public Resource patch(
      KindInfo kind, String namespace, String name, JsonNode patch, boolean status, Actor actor) {
    if (!patch.isObject()) {
      throw ValidationException.of("(patch)", "a merge patch must be a JSON object");
    }
    if (status) {
      requireStatusSubresource(kind);
    }
    boolean conditional = patch.path("metadata").hasNonNull("resourceVersion");
    RetryPolicy policy = conditional ? new RetryPolicy(1) : RetryPolicy.ON_CONFLICT;
    return policy.run(() -> {
      Resource current = get(kind, namespace, name);
      JsonNode merged = MergePatch.apply(current.json(), patch);
      ObjectNode next =
          status
              ? admission.forStatus(kind, current, merged)
              : admission.forReplace(kind, current, merged);
      long expected = conditional ? expectedVersion(patch, current) : current.resourceVersion();
      return write(kind, ResourceKey.of(kind, namespace, name), current, next, expected, actor);
    });
  }

  /** One merge patch of {@link #patchAll}. */
  public record Patch(String namespace, String name, JsonNode patch) {}

  /**
   * Applies JSON merge patches to several objects of one kind, all or nothing: every changed object
   * is written in one store transaction ({@link ResourceStore#updateAll}), so a failure half-way (a
   * conflict, a database error) leaves every object as it was. A conflict re-reads and re-applies
   * every patch, within {@link RetryPolicy#ON_CONFLICT}. Listeners hear of the changes after the
   * commit.
   *
   * @return the objects afterwards, in the order of {@code patches}
   */
  public List<Resource> patchAll(KindInfo kind, List<Patch> patches, Actor actor) {
    return RetryPolicy.ON_CONFLICT.run(() -> {
      List<Resource> after = new ArrayList<>();
      List<Integer> changedAt = new ArrayList<>();
      List<ResourceStore.Update> updates = new ArrayList<>();
      for (Patch p : patches) {
        Resource current = get(kind, p.namespace(), p.name());
        ObjectNode next =
            admission.forReplace(kind, current, MergePatch.apply(current.json(), p.patch()));
        Resource.metadataOf(next).remove("resourceVersion");
        if (!unchanged(current, next)) {
          changedAt.add(after.size());
          updates.add(
              new ResourceStore.Update(
                  ResourceKey.of(kind, p.namespace(), p.name()),
                  current.resourceVersion(),
                  Resource.owning(next)));
        }
        after.add(current);
      }
      List<Resource> written = updates.isEmpty() ? List.of() : store.updateAll(updates, actor);
      for (int w = 0; w < written.size(); w++) {
        int at = changedAt.get(w);
        notify(kind, after.get(at), written.get(w), actor);
        after.set(at, written.get(w));
      }
      return after;
    });
  }

  /** Deletes an object; {@code expectedVersion} 0 is unconditional. Returns its last state. */
  public Resource delete(
      KindInfo kind, String namespace, String name, long expectedVersion, Actor actor) {
    ResourceKey key = ResourceKey.of(kind, namespace, name);
    Resource before = listeners.isEmpty() ? null : store.get(key).orElse(null);
    Resource deleted = store.delete(key, expectedVersion, actor);
    notify(kind, before == null ? deleted : before, null, actor);
    return deleted;
  }

  /**
   * Watches a kind. With a resourceVersion, delivers every change after it; without one, first an
   * ADDED event for each existing object, then every later change (Kubernetes semantics).
   */
  public Watch watch(
      KindInfo kind, String namespace, LabelSelector selector, OptionalLong fromVersion) {
    ResourceQuery query =
        new ResourceQuery(kind.group(), kind.kind(), scope(kind, namespace), selector);
    if (fromVersion.isPresent() && fromVersion.getAsLong() > 0) {
      return store.watch(query, fromVersion.getAsLong());
    }
    ResourceList initial = store.list(query);
    return new PrefixedWatch(initial.items(), store.watch(query, initial.resourceVersion()));
  }

  private Resource write(
      KindInfo kind,
      ResourceKey key,
      Resource current,
      ObjectNode next,
      long expected,
      Actor actor) {
    Resource.metadataOf(next).remove("resourceVersion");
    if (expected == current.resourceVersion() && unchanged(current, next)) {
      return current; // nothing changed: no new version, no event (as the Kubernetes API does)
    }
    Resource written = store.update(key, expected, Resource.owning(next), actor);
    notify(kind, current, written, actor);
    return written;
  }

  /** Whether {@code next} (without a resourceVersion) says what {@code current} says. */
  private static boolean unchanged(Resource current, ObjectNode next) {
    ObjectNode comparable = current.toJson();
    Resource.metadataOf(comparable).remove("resourceVersion");
    return comparable.equals(next);
  }

  private static long expectedVersion(JsonNode body, Resource current) {
    String rv = body.path("metadata").path("resourceVersion").asText("");
    if (rv.isEmpty()) {
      return current.resourceVersion();
    }
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ValidationException.of(
          "metadata.resourceVersion", "'" + rv + "' is not a resourceVersion");
    }
  }

  private static void requireNamespace(KindInfo kind, String namespace) {
    if (kind.namespaced()) {
      if (namespace == null || namespace.isEmpty()) {
        throw ValidationException.of(
            "metadata.namespace", kind.kind() + " is namespaced: a namespace is required");
      }
      Labels.requireValidNamespace("metadata.namespace", namespace);
    }
  }

  private static void requireStatusSubresource(KindInfo kind) {
    if (!kind.statusSubresource()) {
      throw new NotFoundException(kind.kind() + " has no status subresource");
    }
  }

  private static String scope(KindInfo kind, String namespace) {
    return kind.namespaced() ? namespace : "";
  }

  private static NotFoundException notFound(ResourceKey key) {
    return new NotFoundException(key + " not found");
  }
}
