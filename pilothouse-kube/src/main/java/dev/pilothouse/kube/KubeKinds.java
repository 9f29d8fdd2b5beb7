package dev.pilothouse.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Kubernetes kinds the controller reads and writes, as untyped resource contexts. */
public final class KubeKinds {
  private KubeKinds() {}

  /** Argo Rollouts' group and version, accepted unchanged. */
  public static final String ARGO_API_VERSION = "argoproj.io/v1alpha1";

  public static final ResourceDefinitionContext ROLLOUTS = argo("Rollout", "rollouts", true);
  public static final ResourceDefinitionContext ANALYSIS_TEMPLATES =
      argo("AnalysisTemplate", "analysistemplates", true);
  public static final ResourceDefinitionContext CLUSTER_ANALYSIS_TEMPLATES =
      argo("ClusterAnalysisTemplate", "clusteranalysistemplates", false);
  public static final ResourceDefinitionContext ANALYSIS_RUNS =
      argo("AnalysisRun", "analysisruns", true);
  public static final ResourceDefinitionContext REPLICA_SETS =
      context("apps", "v1", "ReplicaSet", "replicasets", true);
  public static final ResourceDefinitionContext SERVICES =
      context("", "v1", "Service", "services", true);
  public static final ResourceDefinitionContext HTTP_ROUTES =
      context("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true);

  private static ResourceDefinitionContext argo(String kind, String plural, boolean namespaced) {
    return context("argoproj.io", "v1alpha1", kind, plural, namespaced);
  }

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
