package dev.pilothouse.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The install manifests in {@code deploy/kubernetes} parse, the kustomizations name files that
 * exist, and the objects reference each other correctly: namespace, service account, RBAC bindings,
 * the permissions the controller uses, the CRDs of every kind it watches, ports.
 */
class DeployManifestsTest {
  private static final Path ROOT = Path.of("../deploy/kubernetes");

  /** What {@code kubectl kustomize} renders, minus labels: resources resolved recursively. */
  static List<JsonNode> render(Path dir) throws IOException {
    JsonNode k = Yaml.readAll(Files.readString(dir.resolve("kustomization.yaml")), "k").getFirst();
    assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText());
      assertThat(p).as("resource %s of %s", r.asText(), dir).exists();
      if (Files.isDirectory(p)) {
        out.addAll(render(p));
      } else {
        for (JsonNode doc : Yaml.readAll(Files.readString(p), p.toString())) {
          if (k.has("namespace")
              && doc.path("kind").asText().matches("Namespace|Cluster.*|CustomResourceDefinition")
                  == false) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("metadata"))
                .put("namespace", k.path("namespace").asText());
          }
          out.add(doc);
        }
      }
    }
    return out;
  }

  private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode one(List<JsonNode> docs, String kind) {
    List<JsonNode> found = ofKind(docs, kind);
    assertThat(found).as(kind).hasSize(1);
    return found.getFirst();
  }

  @Test
  void everyManifestParsesAndHasKindNameAndApiVersion() throws IOException {
    try (var files = Files.walk(ROOT)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        for (JsonNode doc : Yaml.readAll(Files.readString(f), f.toString())) {
          assertThat(doc.path("apiVersion").asText()).as(f.toString()).isNotEmpty();
          assertThat(doc.path("kind").asText()).as(f.toString()).isNotEmpty();
          if (!doc.path("kind").asText().equals("Kustomization")) {
            assertThat(doc.path("metadata").path("name").asText()).as(f.toString()).isNotEmpty();
          }
        }
      }
    }
  }

  @Test
  void theDeploymentRunsAsTheServiceAccountThatTheRbacBindingsName() throws IOException {
    List<JsonNode> docs = render(ROOT);
    String ns = one(docs, "Namespace").path("metadata").path("name").asText();
    JsonNode sa = one(docs, "ServiceAccount");
    JsonNode deployment = one(docs, "Deployment");
    assertThat(sa.path("metadata").path("namespace").asText()).isEqualTo(ns);
    assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo(ns);
    String account = sa.path("metadata").path("name").asText();
    assertThat(
            deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("serviceAccountName")
                .asText())
        .isEqualTo(account);

    for (String binding : List.of("ClusterRoleBinding", "RoleBinding")) {
      for (JsonNode b : ofKind(docs, binding)) {
        JsonNode subject = b.path("subjects").get(0);
        assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
        assertThat(subject.path("name").asText()).isEqualTo(account);
        assertThat(subject.path("namespace").asText()).isEqualTo(ns);
        String roleKind = b.path("roleRef").path("kind").asText();
        String roleName = b.path("roleRef").path("name").asText();
        assertThat(ofKind(docs, roleKind))
            .as("%s %s names %s %s", binding, b.path("metadata").path("name"), roleKind, roleName)
            .anyMatch(r -> r.path("metadata").path("name").asText().equals(roleName));
      }
    }
  }

  @Test
  void theRbacRulesGrantEveryPermissionTheControllerUsesAndNoDelete() throws IOException {
    List<JsonNode> docs = render(ROOT);
    Set<String> cluster = grants(ofKind(docs, "ClusterRole"));
    Set<String> namespaced = grants(ofKind(docs, "Role"));
    for (KubePermissions.Permission p : KubePermissions.CLUSTER) {
      assertThat(cluster).as("ClusterRole grants").contains(key(p));
    }
    for (KubePermissions.Permission p : KubePermissions.LEADER_ELECTION) {
      assertThat(namespaced).as("Role grants").contains(key(p));
    }
    // Least privilege: nothing granted that the controller does not use.
    Set<String> used =
        java.util.stream.Stream.concat(
                KubePermissions.CLUSTER.stream(), KubePermissions.LEADER_ELECTION.stream())
            .map(DeployManifestsTest::key)
            .collect(Collectors.toSet());
    Set<String> granted = new java.util.HashSet<>(cluster);
    granted.addAll(namespaced);
    granted.removeIf(g -> g.endsWith("/status|get")); // reading status is harmless
    assertThat(used).containsAll(granted);
    assertThat(granted).noneMatch(g -> g.endsWith("|delete") || g.contains("*"));
  }

  private static String key(KubePermissions.Permission p) {
    return p.group() + "|" + p.resource() + "|" + p.verb();
  }

  private static Set<String> grants(List<JsonNode> roles) {
    Set<String> out = new java.util.HashSet<>();
    for (JsonNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        for (JsonNode g : rule.path("apiGroups")) {
          for (JsonNode r : rule.path("resources")) {
            for (JsonNode v : rule.path("verbs")) {
              out.add(g.asText() + "|" + r.asText() + "|" + v.asText());
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void theCrdsDefineEveryArgoKindTheControllerWatchesWithAStatusSubresource() throws IOException {
    List<JsonNode> crds = ofKind(render(ROOT), "CustomResourceDefinition");
    Map<String, JsonNode> byName =
        crds.stream()
            .collect(Collectors.toMap(c -> c.path("metadata").path("name").asText(), c -> c));
    for (var kind : KubeGateway.INFORMED) {
      if (!kind.getGroup().equals("argoproj.io")) {
        continue;
      }
      JsonNode crd = byName.get(kind.getPlural() + "." + kind.getGroup());
      assertThat(crd).as("CRD for %s", kind.getKind()).isNotNull();
      assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo(kind.getKind());
      assertThat(crd.path("spec").path("scope").asText())
          .isEqualTo(kind.isNamespaceScoped() ? "Namespaced" : "Cluster");
      JsonNode version = crd.path("spec").path("versions").get(0);
      assertThat(version.path("name").asText()).isEqualTo(kind.getVersion());
      assertThat(version.path("subresources").has("status")).isTrue();
    }
  }

  @Test
  void theServiceTargetsTheDeploymentsPortAndPodsAndTheDatabaseComesFromASecret()
      throws IOException {
    List<JsonNode> docs = render(ROOT);
    JsonNode deployment = one(docs, "Deployment");
    JsonNode service = one(docs, "Service");
    JsonNode pod = deployment.path("spec").path("template");
    pod.path("metadata").path("labels").properties().forEach(e -> {});
    service
        .path("spec")
        .path("selector")
        .properties()
        .forEach(e ->
            assertThat(pod.path("metadata").path("labels").path(e.getKey()).asText())
                .isEqualTo(e.getValue().asText()));
    JsonNode container = pod.path("spec").path("containers").get(0);
    String target = service.path("spec").path("ports").get(0).path("targetPort").asText();
    assertThat(container.path("ports")).anyMatch(p -> p.path("name").asText().equals(target));
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    JsonNode db =
        java.util.stream.StreamSupport.stream(container.path("env").spliterator(), false)
            .filter(e -> e.path("name").asText().equals("PILOTHOUSE_DB_URL"))
            .findFirst()
            .orElseThrow();
    assertThat(db.path("valueFrom").path("secretKeyRef").path("name").asText()).isNotEmpty();
    assertThat(container.path("args").toString()).contains("--kube-in-cluster");
  }
}
