package dev.pilothouse.core.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link MetricSource} for tests: answers with scripted measurements per query (the
 * provider's {@code query} field, or its type when it has none). The last scripted answer repeats;
 * an unscripted query is an Unavailable failure.
 */
public final class InMemoryMetricSource implements MetricSource {
  private final Map<String, Deque<Measurement>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  /** Queues answers for a query, in order. */
  public InMemoryMetricSource answer(String query, Measurement... answers) {
    Deque<Measurement> queue = scripts.computeIfAbsent(query, q -> new ArrayDeque<>());
    synchronized (queue) {
      for (Measurement m : answers) {
        queue.addLast(m);
      }
    }
    return this;
  }

  /** How many times the query was measured. */
  public int calls(String query) {
    return calls.getOrDefault(query, 0);
  }

  @Override
  public Measurement measure(MetricProvider provider, Map<String, String> context) {
    String query = provider.config().path("query").asText(provider.type());
    calls.merge(query, 1, Integer::sum);
    Deque<Measurement> queue = scripts.get(query);
    if (queue == null) {
      return Measurement.failure(Measurement.Reason.Unavailable, "no answer scripted for " + query);
    }
    synchronized (queue) {
      return queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
    }
  }
}
