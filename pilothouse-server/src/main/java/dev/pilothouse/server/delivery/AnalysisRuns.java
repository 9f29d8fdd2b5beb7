package dev.pilothouse.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.delivery.Action;
import dev.pilothouse.core.delivery.AnalysisRef;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.util.List;

/**
 * Starts and stops the AnalysisRuns a rollout asks for. Runs are built from the stored templates by
 * the analysis module; here they get the rollout's labels and owner, and the rollout's arguments
 * ({@code podTemplateHashValue: Stable|Latest} resolved). A run that cannot be built (missing
 * template or argument) is created in phase Error with the reason, so the rollout aborts visibly
 * instead of waiting forever.
 */
final class AnalysisRuns {
  static final String PURPOSE_LABEL = "rollouts.pilothouse.dev/analysis";

  private final ResourceService resources;
  private final KindInfo runs;
  private final dev.pilothouse.server.analysis.AnalysisRuns builder;

  AnalysisRuns(ResourceService resources) {
    this.resources = resources;
    this.runs = resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
    this.builder =
        new dev.pilothouse.server.analysis.AnalysisRuns(resources, new ConditionEvaluator());
  }

  void start(Resource rollout, Action.StartAnalysis a) {
    ObjectNode metadata = metadata(rollout, a);
    try {
      builder.create(
          rollout.namespace(),
          metadata,
          templates(a.analysis()),
          a.resolvedArgs(rollout.status().path("stableRS").asText("")),
          ActionApplier.ACTOR);
    } catch (AlreadyExistsException e) {
      // Created by an earlier reconcile whose status write then conflicted: nothing to do.
    } catch (ValidationException | NotFoundException e) {
      failed(rollout, metadata, e.getMessage());
    }
  }

  void terminate(String namespace, String name) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("terminate", true);
    resources.patch(runs, namespace, name, patch, false, ActionApplier.ACTOR);
  }

  private void failed(Resource rollout, ObjectNode metadata, String reason) {
    ObjectNode run =
        Json.object().put("apiVersion", "argoproj.io/v1alpha1").put("kind", "AnalysisRun");
    run.set("metadata", metadata);
    run.putObject("spec").putArray("metrics");
    Resource created = resources.create(runs, rollout.namespace(), run, ActionApplier.ACTOR);
    ObjectNode status = created.toJson();
    status.putObject("status").put("phase", "Error").put("message", reason);
    resources.replaceStatus(runs, rollout.namespace(), created.name(), status, ActionApplier.ACTOR);
  }

  private static ObjectNode metadata(Resource rollout, Action.StartAnalysis a) {
    ObjectNode metadata = Json.object().put("name", a.runName());
    metadata
        .putObject("labels")
        .put(Revisions.OWNER_LABEL, rollout.name())
        .put(PURPOSE_LABEL, a.purpose().name().toLowerCase(java.util.Locale.ROOT));
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "argoproj.io/v1alpha1")
        .put("kind", "Rollout")
        .put("name", rollout.name())
        .put("uid", rollout.uid())
        .put("controller", true);
    return metadata;
  }

  private static List<dev.pilothouse.server.analysis.AnalysisRuns.TemplateRef> templates(
      AnalysisRef ref) {
    return ref.templates().stream()
        .map(t ->
            new dev.pilothouse.server.analysis.AnalysisRuns.TemplateRef(
                t.templateName(), t.clusterScope()))
        .toList();
  }
}
