package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.AnalysisRef;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;

/**
 * Creates AnalysisRuns from a rollout's analysis reference, as Argo does: the templates' metrics,
 * dryRun and measurementRetention are merged into the run's spec and the rollout's arguments are
 * resolved ({@code podTemplateHashValue: Stable|Latest}); the metrics keep their {@code {{args.*}}}
 * placeholders for the analysis controller to fill in.
 */
final class AnalysisRuns {
  static final String PURPOSE_LABEL = "rollouts.pilothouse.dev/analysis";

  private final ResourceService resources;
  private final KindInfo runs;
  private final KindInfo templates;
  private final KindInfo clusterTemplates;

  AnalysisRuns(ResourceService resources) {
    this.resources = resources;
    this.runs = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
    this.templates = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysistemplates");
    this.clusterTemplates =
        resources.kinds().byPath("argoproj.io", "v1alpha1", "clusteranalysistemplates");
  }

  void start(Resource rollout, Action.StartAnalysis a) {
    ObjectNode run =
        Json.object().put("apiVersion", "argoproj.io/v1alpha1").put("kind", "AnalysisRun");
    ObjectNode metadata = run.putObject("metadata").put("name", a.runName());
    metadata
        .putObject("labels")
        .put(ReplicaSets.OWNER_LABEL, rollout.name())
        .put(PURPOSE_LABEL, a.purpose().name().toLowerCase(java.util.Locale.ROOT));
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "argoproj.io/v1alpha1")
        .put("kind", "Rollout")
        .put("name", rollout.name())
        .put("uid", rollout.uid())
        .put("controller", true);
    ObjectNode spec = run.putObject("spec");
    ArrayNode metrics = spec.putArray("metrics");
    ArrayNode dryRun = spec.putArray("dryRun");
    for (AnalysisRef.TemplateRef ref : a.analysis().templates()) {
      JsonNode template =
          ref.clusterScope()
              ? resources.get(clusterTemplates, "", ref.templateName()).json().path("spec")
              : resources
                  .get(templates, rollout.namespace(), ref.templateName())
                  .json()
                  .path("spec");
      template.path("metrics").forEach(metrics::add);
      template.path("dryRun").forEach(dryRun::add);
      if (template.has("measurementRetention")) {
        spec.set("measurementRetention", template.get("measurementRetention"));
      }
    }
    ArrayNode args = spec.putArray("args");
    String stable = rollout.status().path("stableRS").asText("");
    for (AnalysisRef.Arg arg : a.analysis().args()) {
      String value =
          switch (arg.podTemplateHashValue()) {
            case "Stable" -> stable;
            case "Latest" -> a.hash();
            default -> arg.value();
          };
      args.addObject().put("name", arg.name()).put("value", value);
    }
    try {
      resources.create(runs, rollout.namespace(), run, ActionApplier.ACTOR);
    } catch (AlreadyExistsException e) {
      // Created by an earlier reconcile whose status write then conflicted: nothing to do.
    }
  }

  void terminate(String namespace, String name) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("terminate", true);
    resources.patch(runs, namespace, name, patch, false, ActionApplier.ACTOR);
  }
}
