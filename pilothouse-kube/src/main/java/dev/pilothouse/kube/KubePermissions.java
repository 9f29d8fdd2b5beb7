package dev.pilothouse.kube;

import java.util.List;

/**
 * Every API call the controller makes, as RBAC (group, resource, verb) triples: the install
 * manifests grant exactly these (a test checks {@code deploy/kubernetes} covers them). Keep in step
 * with {@link KubeGateway}, the reconcilers and {@link KubeLeaderElection}.
 */
public final class KubePermissions {
  private KubePermissions() {}

  /** One permission. */
  public record Permission(String group, String resource, String verb, boolean namespaceOnly) {}

  /** What the controller needs cluster-wide. */
  public static final List<Permission> CLUSTER = clusterPermissions();

  /** What leader election needs in Pilothouse's own namespace. */
  public static final List<Permission> LEADER_ELECTION =
      List.of(
          new Permission("coordination.k8s.io", "leases", "get", true),
          new Permission("coordination.k8s.io", "leases", "create", true),
          new Permission("coordination.k8s.io", "leases", "update", true));

  private static List<Permission> clusterPermissions() {
    List<Permission> p = new java.util.ArrayList<>();
    // Informers list and watch; reconcilers read single objects.
    for (var kind : KubeGateway.INFORMED) {
      for (String verb : List.of("get", "list", "watch")) {
        p.add(new Permission(kind.getGroup(), kind.getPlural(), verb, false));
      }
    }
    p.add(new Permission("argoproj.io", "rollouts/status", "update", false));
    p.add(new Permission("argoproj.io", "analysisruns", "create", false));
    p.add(new Permission("argoproj.io", "analysisruns", "patch", false));
    p.add(new Permission("argoproj.io", "analysisruns/status", "update", false));
    p.add(new Permission("apps", "replicasets", "create", false));
    p.add(new Permission("apps", "replicasets", "patch", false));
    p.add(new Permission("", "services", "get", false));
    p.add(new Permission("", "services", "patch", false));
    p.add(new Permission("gateway.networking.k8s.io", "httproutes", "get", false));
    p.add(new Permission("gateway.networking.k8s.io", "httproutes", "update", false));
    p.add(new Permission("", "events", "create", false));
    return List.copyOf(p);
  }
}
