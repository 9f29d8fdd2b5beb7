package dev.pilothouse.server.flags;

import dev.pilothouse.core.flags.FeatureFlagSets;
import dev.pilothouse.core.flags.FlagSet;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flags of one environment (a namespace): every FeatureFlagSet in it merged in name order, so a
 * later name overrides an earlier one's flag. Each resource is compiled once per resourceVersion.
 *
 * <p>A namespace's merged snapshot is kept for at most {@link #MAX_AGE} so that evaluations do not
 * list the store each time; a change written through this server drops it at once (a change
 * listener), one written through another replica is served within {@link #MAX_AGE}.
 */
final class EnvironmentFlags {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentFlags.class);

  private final ResourceService resources;
  private final KindInfo kind;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
  private final Map<String, Cached> snapshots = new ConcurrentHashMap<>();
  private final java.time.Clock clock;

  /** How long a namespace's snapshot may be served without listing the store again. */
  static final java.time.Duration MAX_AGE = java.time.Duration.ofSeconds(1);

  private record Cached(Snapshot snapshot, java.time.Instant expires) {}

  /** Bumped per namespace on every change, so a load that raced a change is not cached. */
  private final Map<String, Long> generations = new ConcurrentHashMap<>();

  /**
   * The merged flags and a version that changes whenever any of the sets changes.
   *
   * @param version an opaque token derived from the sets' names and resourceVersions
   */
  record Snapshot(FlagSet flags, String version) {}

  private record Compiled(long resourceVersion, FlagSet flags) {}

  EnvironmentFlags(ResourceService resources, java.time.Clock clock) {
    this.resources = resources;
    this.clock = clock;
    this.kind =
        resources
            .kinds()
            .byApiVersionKind(FeatureFlagSets.API_VERSION, FeatureFlagSets.KIND)
            .orElseThrow(() -> new IllegalStateException("FeatureFlagSet kind not registered"));
    resources.addChangeListener((changed, before, after, actor) -> {
      if (changed.equals(kind)) {
        String namespace = (after != null ? after : before).namespace();
        generations.merge(namespace, 1L, Long::sum);
        snapshots.remove(namespace);
      }
    });
  }

  /** The current flags of a namespace. */
  Snapshot snapshot(String namespace) {
    java.time.Instant now = clock.instant();
    Cached cached = snapshots.get(namespace);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.snapshot();
    }
    Long generation = generations.get(namespace);
    Snapshot fresh = load(namespace);
    if (java.util.Objects.equals(generation, generations.get(namespace))) {
      snapshots.put(namespace, new Cached(fresh, now.plus(MAX_AGE)));
    }
    return fresh;
  }

  private Snapshot load(String namespace) {
    List<Resource> sets =
        resources.list(kind, namespace, LabelSelector.ALL).items().stream()
            .sorted(Comparator.comparing(Resource::name))
            .toList();
    FlagSet merged = FlagSet.empty();
    StringBuilder version = new StringBuilder(namespace);
    for (Resource set : sets) {
      merged = merged.merge(compile(set));
      version.append('|').append(set.name()).append('@').append(set.resourceVersion());
    }
    return new Snapshot(merged, digest(version.toString()));
  }

  private FlagSet compile(Resource set) {
    String key = set.namespace() + "/" + set.name();
    Compiled cached = compiled.get(key);
    if (cached != null && cached.resourceVersion() == set.resourceVersion()) {
      return cached.flags();
    }
    FlagSet flags;
    try {
      flags = FeatureFlagSets.compile(set.json());
    } catch (RuntimeException e) {
      // Stored before validation existed (or by a bypass): serve the other sets, not a 500.
      LOG.atWarn()
          .addKeyValue("flagSet", key)
          .log("skipping invalid FeatureFlagSet: {}", e.getMessage());
      flags = FlagSet.empty();
    }
    compiled.put(key, new Compiled(set.resourceVersion(), flags));
    return flags;
  }

  static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
