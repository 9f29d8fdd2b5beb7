package dev.pilothouse.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Pod-template hashes: a revision is identified by a stable hash of its pod template, as Argo's
 * {@code rollouts-pod-template-hash} label. FNV-1a (64 bit) of the canonical JSON, rendered in the
 * lower-case alphabet Kubernetes uses for generated names.
 */
public final class Revisions {
  /** The label carrying the hash on ReplicaSets, pods and Service selectors. */
  public static final String HASH_LABEL = "rollouts-pod-template-hash";

  /** Label naming the owning rollout on its ReplicaSets and AnalysisRuns. */
  public static final String OWNER_LABEL = "rollouts.pilothouse.dev/rollout";

  /** Argo's revision annotation (1, 2, ...) on a rollout's ReplicaSets, used by undo. */
  public static final String REVISION_ANNOTATION = "rollout.argoproj.io/revision";

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private Revisions() {}

  /** The hash of a pod template (10 characters). */
  public static String hash(JsonNode template) {
    byte[] bytes = Json.write(Canonical.sorted(template)).getBytes(StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    StringBuilder sb = new StringBuilder(10);
    long v = h;
    for (int i = 0; i < 10; i++) {
      sb.append(ALPHABET.charAt((int) Long.remainderUnsigned(v, ALPHABET.length())));
      v = Long.divideUnsigned(v, ALPHABET.length());
    }
    return sb.toString();
  }

  /** Sorted-key copies, so the hash does not depend on field order (PostgreSQL reorders keys). */
  static final class Canonical {
    private Canonical() {}

    static JsonNode sorted(JsonNode node) {
      if (node.isObject()) {
        var out = Json.object();
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        names.forEach(n -> out.set(n, sorted(node.get(n))));
        return out;
      }
      if (node.isArray()) {
        var out = Json.MAPPER.createArrayNode();
        node.forEach(n -> out.add(sorted(n)));
        return out;
      }
      return node;
    }
  }
}
