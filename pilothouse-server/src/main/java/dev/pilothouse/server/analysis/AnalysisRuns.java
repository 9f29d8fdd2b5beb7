package dev.pilothouse.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.AnalysisArg;
import dev.pilothouse.core.analysis.AnalysisSpecParser;
import dev.pilothouse.core.analysis.ConditionEvaluator;
import dev.pilothouse.core.analysis.TemplateResolver;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates AnalysisRuns from stored templates, as a rollout (or {@code kubectl argo rollouts create
 * analysisrun --from}) does: reads each AnalysisTemplate (in the namespace) or
 * ClusterAnalysisTemplate, resolves them with the arguments and creates the run.
 */
public final class AnalysisRuns {
  private final ResourceService resources;
  private final TemplateResolver resolver;

  /** Creates runs through {@code resources}. */
  public AnalysisRuns(ResourceService resources, ConditionEvaluator conditions) {
    this.resources = resources;
    this.resolver = new TemplateResolver(new AnalysisSpecParser(conditions));
  }

  /** A template reference: its name and whether it is a ClusterAnalysisTemplate. */
  public record TemplateRef(String templateName, boolean clusterScope) {}

  /**
   * Creates the run {@code name} in {@code namespace} from the templates and arguments.
   *
   * @throws dev.pilothouse.core.error.ValidationException for missing arguments or bad templates
   * @throws dev.pilothouse.core.error.NotFoundException when a template does not exist
   */
  public Resource create(
      String namespace,
      String name,
      List<TemplateRef> templates,
      List<AnalysisArg> args,
      Actor actor) {
    return create(namespace, Json.object().put("name", name), templates, args, actor);
  }

  /**
   * Creates a run whose metadata (name, labels, ownerReferences) is given, e.g. by the rollout that
   * starts it.
   */
  public Resource create(
      String namespace,
      ObjectNode metadata,
      List<TemplateRef> templates,
      List<AnalysisArg> args,
      Actor actor) {
    List<JsonNode> specs = new ArrayList<>();
    for (TemplateRef t : templates) {
      Resource template =
          t.clusterScope()
              ? resources.get(
                  AnalysisKinds.clusterTemplate(resources.kinds()), "", t.templateName())
              : resources.get(
                  AnalysisKinds.template(resources.kinds()), namespace, t.templateName());
      specs.add(template.json().path("spec"));
    }
    ObjectNode run = Json.object();
    run.put("apiVersion", AnalysisKinds.API_VERSION).put("kind", "AnalysisRun");
    run.set("metadata", metadata.deepCopy().put("namespace", namespace));
    run.set("spec", resolver.resolve(specs, args));
    return resources.create(AnalysisKinds.run(resources.kinds()), namespace, run, actor);
  }
}
