package dev.pilothouse.core.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The owning team of a namespace, looked up at most once per {@code ttl}: every authorised request
 * asks, and hot read paths (OFREP evaluations, watches) must not cost a database round trip each.
 * An ownership change on this replica calls {@link #invalidate()}, so it applies at once here and
 * within {@code ttl} on other replicas (the same bound as token revocation).
 */
public final class CachedNamespaceOwners implements Function<String, Optional<String>> {
  /** Namespaces are few; past this many entries the cache starts over (guards odd floods). */
  private static final int MAX_ENTRIES = 10_000;

  private final Function<String, Optional<String>> source;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<String> owner, Instant expires) {}

  /**
   * @param source the authoritative lookup (the tenancy repository)
   * @param ttl how long an answer is reused
   */
  public CachedNamespaceOwners(
      Function<String, Optional<String>> source, Clock clock, Duration ttl) {
    this.source = source;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public Optional<String> apply(String namespace) {
    Instant now = clock.instant();
    Cached cached = cache.get(namespace);
    if (cached != null && cached.expires().isAfter(now)) {
      return cached.owner();
    }
    Optional<String> owner = source.apply(namespace);
    if (cache.size() > MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(namespace, new Cached(owner, now.plus(ttl)));
    return owner;
  }

  /** Forgets every cached answer (after an ownership change). */
  public void invalidate() {
    cache.clear();
  }
}
