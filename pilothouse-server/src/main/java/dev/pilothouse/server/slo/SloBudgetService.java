package dev.pilothouse.server.slo;

import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.slo.SloBudget;
import dev.pilothouse.core.slo.SloBudgets;
import dev.pilothouse.core.slo.SloResources;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Live error budgets of the stored SLOs: reads the SLO resources, then asks Prometheus once per
 * window for every SLO's recorded error ratio (and once for firing alerts), in parallel, and joins
 * the answers by {@code sloth_id}. The rules generated for these SLOs must be loaded into that
 * Prometheus ({@code GET /api/v1/slo/rules} serves them).
 */
public final class SloBudgetService {
  private final ResourceService resources;
  private final PrometheusQueries prometheus;
  private final String defaultAddress;

  /**
   * @param defaultAddress the Prometheus base URL; empty when none is configured
   */
  public SloBudgetService(
      ResourceService resources, PrometheusQueries prometheus, String defaultAddress) {
    this.resources = resources;
    this.prometheus = prometheus;
    this.defaultAddress = defaultAddress == null ? "" : defaultAddress.strip();
  }

  /** The stored SLOs of a namespace (all when null). */
  public SloResources.Catalog catalog(String namespace) {
    return SloResources.catalog(resources, namespace);
  }

  /** The Prometheus client (for range queries such as the portal's charts). */
  public PrometheusQueries queries() {
    return prometheus;
  }

  /** Whether a Prometheus address is configured. */
  public boolean configured() {
    return !defaultAddress.isEmpty();
  }

  /** The configured Prometheus base URL (empty when none). */
  public String address() {
    return defaultAddress;
  }

  /**
   * Budgets of the SLOs of a namespace (all when null), optionally of one service only.
   *
   * @param address Prometheus base URL, or null for the configured one
   * @throws UnavailableException when no Prometheus is configured or it cannot answer
   */
  public List<SloBudget> budgets(String namespace, String service, String address) {
    List<SloResources.Stored> slos =
        catalog(namespace).slos().stream()
            .filter(s -> service == null || s.slo().service().equals(service))
            .toList();
    return budgets(slos, address);
  }

  /** Budgets of the given SLOs: one query per window plus one for alerts, run concurrently. */
  public List<SloBudget> budgets(List<SloResources.Stored> slos, String address) {
    if (slos.isEmpty()) {
      return List.of();
    }
    String base = address == null || address.isBlank() ? defaultAddress : address.strip();
    if (base.isEmpty()) {
      throw new UnavailableException(
          "no Prometheus configured: start the server with --prometheus-url or set "
              + "PILOTHOUSE_PROMETHEUS_URL");
    }
    Set<String> ids = new HashSet<>();
    slos.forEach(s -> ids.add(s.slo().id()));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<List<PrometheusQueries.Sample>>> byWindow = new LinkedHashMap<>();
      for (String window : SloBudgets.windows(slos)) {
        byWindow.put(
            window, pool.submit(() -> prometheus.instant(base, SloBudgets.ratioQuery(window))));
      }
      Future<List<PrometheusQueries.Sample>> alerts =
          pool.submit(() -> prometheus.instant(base, SloBudgets.ALERTS_QUERY));
      Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
      for (var e : byWindow.entrySet()) {
        Map<String, Double> byId = new HashMap<>();
        for (var sample : get(e.getValue())) {
          String id = sample.labels().getOrDefault("sloth_id", "");
          if (ids.contains(id)) {
            byId.put(id, sample.value());
          }
        }
        ratios.put(e.getKey(), byId);
      }
      Map<String, Set<String>> firing = new HashMap<>();
      for (var sample : get(alerts)) {
        String severity = sample.labels().getOrDefault("sloth_severity", "");
        if (!severity.isEmpty()) {
          firing
              .computeIfAbsent(sample.labels().get("sloth_id"), k -> new HashSet<>())
              .add(severity);
        }
      }
      return SloBudgets.compute(slos, ratios, firing);
    }
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while querying Prometheus", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UnavailableException u) {
        throw u;
      }
      throw new UnavailableException("querying Prometheus failed: " + e.getCause(), e.getCause());
    }
  }
}
