package dev.pilothouse.core.flags;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The data a targeting rule sees: the caller's context plus flagd's {@code $flagd} entry ({@code
 * flagKey}, {@code timestamp}), as a read-only view instead of a copy of the context per
 * evaluation. Lookups (all that {@code var} and the operators do) go straight to the context; the
 * {@code $flagd} map is built only when a rule reads it, the merged entry set only if a rule asks
 * for the whole data ({@code {"var": ""}}, {@code missing}).
 */
final class FlagdContext extends AbstractMap<String, Object> {
  private static final String FLAGD = "$flagd";

  private final Map<String, Object> context;
  private final String flagKey;
  private final Instant now;
  private Map<String, Object> flagd;
  private Set<Entry<String, Object>> entries;

  FlagdContext(Map<String, Object> context, String flagKey, Instant now) {
    this.context = context;
    this.flagKey = flagKey;
    this.now = now;
  }

  /** The key of the flag being evaluated ({@code $flagd.flagKey}), without building the map. */
  String flagKey() {
    return flagKey;
  }

  private Map<String, Object> flagd() {
    if (flagd == null) {
      flagd = Map.of("flagKey", flagKey, "timestamp", now.getEpochSecond());
    }
    return flagd;
  }

  @Override
  public Object get(Object key) {
    return FLAGD.equals(key) ? flagd() : context.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return FLAGD.equals(key) || context.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (entries == null) {
      Map<String, Object> merged = new HashMap<>(context);
      merged.put(FLAGD, flagd());
      entries = Collections.unmodifiableMap(merged).entrySet();
    }
    return entries;
  }
}
