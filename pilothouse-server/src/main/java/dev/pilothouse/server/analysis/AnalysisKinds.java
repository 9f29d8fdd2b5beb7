package dev.pilothouse.server.analysis;

import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;

/** Looks up the Argo analysis kinds in a registry. */
final class AnalysisKinds {
  static final String API_VERSION = "argoproj.io/v1alpha1";

  private AnalysisKinds() {}

  static KindInfo run(KindRegistry kinds) {
    return get(kinds, "AnalysisRun");
  }

  static KindInfo template(KindRegistry kinds) {
    return get(kinds, "AnalysisTemplate");
  }

  static KindInfo clusterTemplate(KindRegistry kinds) {
    return get(kinds, "ClusterAnalysisTemplate");
  }

  private static KindInfo get(KindRegistry kinds, String kind) {
    return kinds
        .byApiVersionKind(API_VERSION, kind)
        .orElseThrow(() -> new IllegalStateException(kind + " is not registered"));
  }
}
