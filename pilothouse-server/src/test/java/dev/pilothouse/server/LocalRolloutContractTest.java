package dev.pilothouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.analysis.InMemoryMetricSource;
import dev.pilothouse.core.delivery.Revisions;
import dev.pilothouse.core.delivery.contract.RolloutContract;
import dev.pilothouse.core.delivery.contract.RolloutWorld;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.server.analysis.AnalysisController;
import dev.pilothouse.server.delivery.DeliveryControllers;
import dev.pilothouse.server.delivery.RolloutOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The rollout contract against the local runtime: the store-backed controllers on embedded
 * PostgreSQL (the same scenarios run against Kubernetes in pilothouse-kube). One database for the
 * class; each scenario gets fresh controllers and an emptied namespace.
 */
class LocalRolloutContractTest extends RolloutContract {
  private static Backend backend;

  @BeforeAll
  static void database() throws Exception {
    Path base = Path.of(System.getProperty("pilothouse.test.tmp", "target/test-tmp"));
    Files.createDirectories(base);
    backend =
        PostgresBackend.open(
            Optional.empty(), Files.createTempDirectory(base.toAbsolutePath(), "contract-"));
  }

  @AfterAll
  static void closeDatabase() throws Exception {
    backend.closer().close();
  }

  @Override
  protected RolloutWorld open(InMemoryMetricSource metrics) {
    return new LocalWorld(metrics);
  }

  private static final class LocalWorld implements RolloutWorld {
    private static final Actor ACTOR = new Actor("test");
    private final ResourceService resources;
    private final RolloutOperations operations;
    private final AutoCloseable rollouts;
    private final AutoCloseable analysis;

    LocalWorld(InMemoryMetricSource metrics) {
      Clock clock = Clock.systemUTC();
      resources = new ResourceService(KindRegistry.builtin(), backend.resources(), clock);
      operations = new RolloutOperations(resources, clock);
      rollouts = DeliveryControllers.start(resources, backend.resources(), backend.events(), clock);
      analysis = AnalysisController.start(resources, backend.resources(), metrics, clock);
    }

    private KindInfo kind(String kind) {
      return switch (kind) {
        case "Rollout" -> resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
        case "AnalysisTemplate" ->
            resources.kinds().byPath("argoproj.io", "v1alpha1", "analysistemplates");
        case "AnalysisRun" -> resources.kinds().byPath("argoproj.io", "v1alpha1", "analysisruns");
        case "ReplicaSet" -> resources.kinds().byPath("apps", "v1", "replicasets");
        case "Service" -> resources.kinds().byPath("", "v1", "services");
        default -> throw new IllegalArgumentException(kind);
      };
    }

    @Override
    public void apply(String yaml) {
      for (JsonNode doc : Yaml.readAll(yaml, "test")) {
        KindInfo kind = kind(doc.path("kind").asText());
        String name = doc.path("metadata").path("name").asText();
        try {
          Resource current = resources.get(kind, NAMESPACE, name);
          ObjectNode next = current.toJson();
          next.set("spec", doc.path("spec"));
          resources.replace(kind, NAMESPACE, name, next, ACTOR);
        } catch (NotFoundException e) {
          resources.create(kind, NAMESPACE, doc, ACTOR);
        }
      }
    }

    @Override
    public JsonNode status(String rollout) {
      try {
        return resources.get(kind("Rollout"), NAMESPACE, rollout).status();
      } catch (NotFoundException e) {
        return MissingNode.getInstance();
      }
    }

    @Override
    public void promote(String rollout, boolean full) {
      operations.promote(NAMESPACE, rollout, full, ACTOR);
    }

    @Override
    public void abort(String rollout) {
      operations.abort(NAMESPACE, rollout, ACTOR);
    }

    @Override
    public int replicas(String rollout, String hash) {
      try {
        return resources
            .get(kind("ReplicaSet"), NAMESPACE, rollout + "-" + hash)
            .json()
            .path("spec")
            .path("replicas")
            .asInt();
      } catch (NotFoundException e) {
        return -1;
      }
    }

    @Override
    public String selectedHash(String service) {
      try {
        return resources
            .get(kind("Service"), NAMESPACE, service)
            .json()
            .path("spec")
            .path("selector")
            .path(Revisions.HASH_LABEL)
            .asText("");
      } catch (NotFoundException e) {
        return "";
      }
    }

    @Override
    public void close() throws Exception {
      rollouts.close();
      analysis.close();
      for (String kind :
          new String[] {"Rollout", "ReplicaSet", "AnalysisRun", "AnalysisTemplate", "Service"}) {
        for (Resource r : resources.list(kind(kind), NAMESPACE, LabelSelector.ALL).items()) {
          resources.delete(kind(kind), NAMESPACE, r.name(), 0, ACTOR);
        }
      }
    }
  }
}
