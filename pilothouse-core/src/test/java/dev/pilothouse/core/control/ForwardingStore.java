package dev.pilothouse.core.control;

import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceList;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.core.resource.ResourceStore;
import dev.pilothouse.core.resource.Watch;
import java.util.Optional;

/** A store that forwards everything; tests override single calls to inject failures. */
class ForwardingStore implements ResourceStore {
  private final ResourceStore delegate;

  ForwardingStore(ResourceStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Resource create(ResourceKey key, Resource resource, Actor actor) {
    return delegate.create(key, resource, actor);
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return delegate.get(key);
  }

  @Override
  public ResourceList list(ResourceQuery query) {
    return delegate.list(query);
  }

  @Override
  public Resource update(ResourceKey key, long expectedVersion, Resource next, Actor actor) {
    return delegate.update(key, expectedVersion, next, actor);
  }

  @Override
  public java.util.List<Resource> updateAll(java.util.List<Update> updates, Actor actor) {
    return delegate.updateAll(updates, actor);
  }

  @Override
  public Resource delete(ResourceKey key, long expectedVersion, Actor actor) {
    return delegate.delete(key, expectedVersion, actor);
  }

  @Override
  public Watch watch(ResourceQuery query, long fromVersion) {
    return delegate.watch(query, fromVersion);
  }

  @Override
  public long currentVersion() {
    return delegate.currentVersion();
  }
}
