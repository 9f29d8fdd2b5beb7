package dev.pilothouse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes each measurement to the source registered for the metric's provider key (e.g. {@code
 * prometheus}); an unknown key is a Misconfigured failure, not an exception.
 */
public final class MetricSources implements MetricSource {
  private final Map<String, MetricSource> byType;

  /** Routes by provider key. */
  public MetricSources(Map<String, MetricSource> byType) {
    this.byType = Map.copyOf(byType);
  }

  /** These sources plus (or replacing) the one under {@code type}. */
  public MetricSources with(String type, MetricSource source) {
    Map<String, MetricSource> all = new java.util.HashMap<>(byType);
    all.put(type, source);
    return new MetricSources(all);
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    MetricSource source = byType.get(provider.type());
    if (source == null) {
      return Measurement.failure(Measurement.Reason.Misconfigured, unsupported(provider));
    }
    return source.measure(provider, context);
  }

  @Override
  public MetricHistory history(
      MetricProvider provider,
      Map<String, String> context,
      Instant from,
      Instant to,
      Duration step) {
    MetricSource source = byType.get(provider.type());
    if (source == null) {
      return new MetricHistory.Unavailable(unsupported(provider));
    }
    return source.history(provider, context, from, to, step);
  }

  private String unsupported(MetricProvider provider) {
    return "provider '"
        + provider.type()
        + "' is not supported (supported: "
        + String.join(", ", new TreeMap<>(byType).keySet())
        + ")";
  }
}
