package dev.pilothouse.core.delivery.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A runtime under contract test: a place where Rollouts, Services and AnalysisTemplates are applied
 * and a controller (local store-backed, or Kubernetes) brings them to life with pods that become
 * ready on their own. All objects live in {@link #NAMESPACE}.
 */
public interface RolloutWorld extends AutoCloseable {
  /** Namespace of every object in the scenarios. */
  String NAMESPACE = "delivery";

  /** Creates each document, or replaces the spec of one that exists. */
  void apply(String yaml);

  /** A rollout's status ({@code MissingNode} when it has none yet). */
  JsonNode status(String rollout);

  /** {@code kubectl argo rollouts promote [--full]}. */
  void promote(String rollout, boolean full);

  /** {@code kubectl argo rollouts abort}. */
  void abort(String rollout);

  /** The desired replicas of a rollout's ReplicaSet for a revision; -1 when it does not exist. */
  int replicas(String rollout, String hash);

  /** The {@code rollouts-pod-template-hash} a Service selects ("" when none). */
  String selectedHash(String service);

  @Override
  void close() throws Exception;
}
