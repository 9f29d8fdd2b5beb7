package dev.pilothouse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.analysis.TemplateResolver;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.AnalysisRef;
import dev.pilothouse.core.delivery.ReplicaSetDocuments;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts and stops the AnalysisRuns a rollout asks for: resolves the referenced AnalysisTemplates
 * and ClusterAnalysisTemplates (from the informer caches) with the rollout's arguments, and creates
 * the run owned by the rollout. A run that cannot be built (missing template or argument) is
 * created in phase Error with the reason, so the rollout aborts visibly instead of waiting forever.
 */
final class KubeAnalysisRuns {
  static final String PURPOSE_LABEL = "rollouts.pilothouse.dev/analysis";

  private final KubeGateway gateway;
  private final TemplateResolver resolver;

  KubeAnalysisRuns(KubeGateway gateway, ConditionEvaluator conditions) {
    this.gateway = gateway;
    this.resolver = new TemplateResolver(new AnalysisSpecParser(conditions));
  }

  void start(Resource rollout, Action.StartAnalysis a) {
    ObjectNode run =
        Json.object().put("apiVersion", KubeKinds.ARGO_API_VERSION).put("kind", "AnalysisRun");
    run.set("metadata", metadata(rollout, a));
    String error = null;
    try {
      run.set(
          "spec",
          resolver.resolve(
              templates(rollout.namespace(), a.analysis()),
              a.resolvedArgs(rollout.status().path("stableRS").asText(""))));
    } catch (ValidationException | NotFoundException e) {
      run.putObject("spec").putArray("metrics");
      error = e.getMessage();
    }
    try {
      Resource created = gateway.create(KubeKinds.ANALYSIS_RUNS, rollout.namespace(), run);
      if (error != null) {
        ObjectNode body = created.toJson();
        body.putObject("status").put("phase", "Error").put("message", error);
        gateway.updateStatus(KubeKinds.ANALYSIS_RUNS, rollout.namespace(), body);
      }
    } catch (AlreadyExistsException e) {
      // Created by an earlier reconcile whose status write then conflicted: nothing to do.
    }
  }

  void terminate(String namespace, String name) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("terminate", true);
    try {
      gateway.mergePatch(KubeKinds.ANALYSIS_RUNS, namespace, name, patch);
    } catch (NotFoundException e) {
      // Deleted by someone: nothing left to stop.
    }
  }

  private List<JsonNode> templates(String namespace, AnalysisRef ref) {
    List<JsonNode> specs = new ArrayList<>();
    for (AnalysisRef.TemplateRef t : ref.templates()) {
      var kind =
          t.clusterScope() ? KubeKinds.CLUSTER_ANALYSIS_TEMPLATES : KubeKinds.ANALYSIS_TEMPLATES;
      Resource template =
          gateway
              .cached(kind, t.clusterScope() ? "" : namespace, t.templateName())
              .or(() -> gateway.read(kind, t.clusterScope() ? "" : namespace, t.templateName()))
              .orElseThrow(() ->
                  new NotFoundException(kind.getKind() + " " + t.templateName() + " not found"));
      specs.add(template.json().path("spec"));
    }
    return specs;
  }

  private static ObjectNode metadata(Resource rollout, Action.StartAnalysis a) {
    ObjectNode metadata =
        Json.object().put("name", a.runName()).put("namespace", rollout.namespace());
    metadata
        .putObject("labels")
        .put(Revisions.OWNER_LABEL, rollout.name())
        .put(PURPOSE_LABEL, a.purpose().name().toLowerCase(Locale.ROOT))
        .put(Revisions.HASH_LABEL, a.hash());
    metadata.putArray("ownerReferences").add(ReplicaSetDocuments.owner(rollout));
    return metadata;
  }
}
