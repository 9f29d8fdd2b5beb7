package dev.pilothouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.server.local.LocalRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The demo's script over a running server: the demo Service, the proxy success-rate template, the
 * Rollout, and its two updates, narrating every change of the rollout's step, weight and phase.
 */
final class DemoStory {
  static final String NAMESPACE = "demo";
  static final String NAME = "demo";
  private static final Actor ACTOR = new Actor("demo");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** Where the story is told. */
  @FunctionalInterface
  interface Narrator {
    void line(String text);
  }

  /** The rollout did not reach the expected state in time. */
  static final class StoryException extends Exception {
    StoryException(String message) {
      super(message);
    }
  }

  private final PilothouseServer server;
  private final ResourceService resources;
  private final int servicePort;
  private final Narrator say;
  private final KindInfo rollouts;
  private String lastNarration = "";

  DemoStory(PilothouseServer server, int servicePort, Narrator say) {
    this.server = server;
    this.resources = server.context().resources();
    this.servicePort = servicePort;
    this.say = say;
    this.rollouts = resources.kinds().byPath("argoproj.io", "v1alpha1", "rollouts");
  }

  /** Creates the Service, the analysis template and the rollout at v1, and waits until healthy. */
  void deployV1() throws StoryException, InterruptedException {
    say.line(
        "Deploying demo v1: Service 'demo' on port "
            + servicePort
            + ", 2 pods, canary steps"
            + " 20% → analysis → 50% → analysis → 100%.");
    create("", "v1", "services", service(NAME, NAME, servicePort));
    create("argoproj.io", "v1alpha1", "analysistemplates", successRateTemplate(DEMO_INTERVAL));
    create(
        "argoproj.io",
        "v1alpha1",
        "rollouts",
        rollout(NAME, 2, "v1", "[]", DEMO_STEPS, DEMO_SCALE_DOWN_DELAY_SECONDS, true));
    await(
        "v1 healthy",
        s -> s.path("phase").asText().equals("Healthy") && s.path("readyReplicas").asInt() == 2);
    say.line("v1 is healthy: 2 pods behind the proxy.");
  }

  /** Rolls out v2 (no errors) and waits until it is promoted. */
  void healthyCanary() throws StoryException, InterruptedException {
    say.line(
        "Rolling out v2 (healthy). Watch the weights and the success-rate chart in the portal.");
    String before = status().path("stableRS").asText();
    setVersion("v2", "[]");
    await(
        "v2 promoted",
        s ->
            s.path("phase").asText().equals("Healthy")
                && !s.path("stableRS").asText().equals(before)
                && s.path("stableRS").asText().equals(s.path("currentPodHash").asText()));
    say.line("v2 passed every analysis and is promoted: it is the new stable version.");
  }

  /** Rolls out v3 with 10% errors and waits for the automatic abort. */
  void failingCanary() throws StoryException, InterruptedException {
    say.line("Rolling out v3, which answers 10% of requests with HTTP 500 (ERROR_RATE=0.1).");
    setVersion("v3", "[{\"name\": \"ERROR_RATE\", \"value\": \"0.1\"}]");
    await(
        "v3 aborted",
        s -> s.path("abort").asBoolean() && s.path("phase").asText().equals("Degraded"));
    say.line("Analysis failed, so Pilothouse aborted v3 on its own: traffic is back on v2.");
  }

  /** A merge patch of the container (retried on conflict), so a status write never races it. */
  private void setVersion(String version, String env) {
    Resource current = resources.get(rollouts, NAMESPACE, NAME);
    var container =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            current
                .json()
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0)
                .deepCopy();
    container.put("image", "pilothouse/demo:" + version);
    container.set("env", dev.pilothouse.core.json.Json.parse(env));
    var patch = dev.pilothouse.core.json.Json.object();
    patch
        .putObject("spec")
        .putObject("template")
        .putObject("spec")
        .putArray("containers")
        .add(container);
    resources.patch(rollouts, NAMESPACE, NAME, patch, false, ACTOR);
  }

  private void create(String group, String version, String plural, String yaml) {
    KindInfo kind = resources.kinds().byPath(group, version, plural);
    resources.create(kind, NAMESPACE, Yaml.readAll(yaml, plural).getFirst(), ACTOR);
  }

  private JsonNode status() {
    return resources.get(rollouts, NAMESPACE, NAME).status();
  }

  private void await(String what, Predicate<JsonNode> done)
      throws StoryException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s = status();
      narrate(s);
      if (done.test(s)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new StoryException(what + " did not happen within " + TIMEOUT.toSeconds() + " s");
  }

  /** Tells what changed: phase, step, weight, pods per version. */
  private void narrate(JsonNode s) {
    String phase = s.path("phase").asText("");
    int step = s.path("currentStepIndex").asInt(-1);
    int weight = s.path("canary").path("weights").path("canary").path("weight").asInt(0);
    String message = s.path("message").asText("");
    String text =
        "rollout "
            + phase
            + (step >= 0 && step < 5 ? ", step " + (step + 1) + "/5" : "")
            + ", canary weight "
            + weight
            + "%"
            + (message.isEmpty() ? "" : " (" + message + ")")
            + ", ready pods "
            + pods();
    if (!text.equals(lastNarration)) {
      lastNarration = text;
      say.line(text);
    }
  }

  private String pods() {
    Map<String, Integer> byVersion = new TreeMap<>();
    server.context().local().runtime().map(LocalRuntime::pods).orElse(java.util.List.of()).stream()
        .filter(LocalRuntime.Pod::serving)
        .forEach(p -> byVersion.merge(p.replicaSet(), 1, Integer::sum));
    Map<String, Integer> byImage = new TreeMap<>();
    for (var e : byVersion.entrySet()) {
      byImage.merge(image(e.getKey()), e.getValue(), Integer::sum);
    }
    return byImage.toString();
  }

  private String image(String replicaSet) {
    try {
      KindInfo rs = resources.kinds().byPath("apps", "v1", "replicasets");
      String image =
          resources
              .get(rs, NAMESPACE, replicaSet)
              .json()
              .path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .path(0)
              .path("image")
              .asText();
      return image.substring(image.lastIndexOf(':') + 1);
    } catch (RuntimeException e) {
      return replicaSet;
    }
  }

  /** The demo's analysis measures every 3 s; its canary's old pods go 5 s after promotion. */
  private static final String DEMO_INTERVAL = "3s";

  private static final int DEMO_SCALE_DOWN_DELAY_SECONDS = 5;

  /** The demo's steps: 20%, analysis, 50%, analysis, 100%. */
  private static final String DEMO_STEPS =
      "[{setWeight: 20}, "
          + analysisStep(NAME)
          + ", {setWeight: 50}, "
          + analysisStep(NAME)
          + ", {setWeight: 100}]";

  /** A Service (YAML) selecting {@code app=<app>} on one port. */
  static String service(String name, String app, int port) {
    return """
    apiVersion: v1
    kind: Service
    metadata: {name: %s}
    spec:
      selector: {app: %s}
      ports: [{port: %d}]
    """
        .formatted(name, app, port);
  }

  /**
   * The {@code proxy-success-rate} AnalysisTemplate (YAML): the canary's success rate through the
   * proxy over 10 s windows, 3 measurements {@code interval} apart, at least 95%.
   */
  static String successRateTemplate(String interval) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: proxy-success-rate}
    spec:
      args: [{name: service}, {name: canary-hash}]
      metrics:
      - name: success-rate
        interval: %s
        count: 3
        failureLimit: 0
        consecutiveErrorLimit: 3
        successCondition: result >= 0.95
        provider:
          proxy:
            service: "{{args.service}}"
            version: "{{args.canary-hash}}"
            metric: success-rate
            window: 10s
    """
        .formatted(interval);
  }

  /** A step (YAML flow) running {@code proxy-success-rate} on {@code service}'s newest pods. */
  static String analysisStep(String service) {
    return "{analysis: {templates: [{templateName: proxy-success-rate}], args: [{name: service,"
        + " value: "
        + service
        + "}, {name: canary-hash, valueFrom: {podTemplateHashValue: Latest}}]}}";
  }

  /**
   * A demo-app Rollout (YAML) routed by the proxy.
   *
   * @param env a YAML flow list of env entries
   * @param steps a YAML flow list of canary steps
   * @param liveness whether the pods also get a liveness probe (the demo's do)
   */
  static String rollout(
      String name,
      int replicas,
      String version,
      String env,
      String steps,
      int scaleDownDelaySeconds,
      boolean liveness) {
    return """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: %1$s}
    spec:
      replicas: %2$d
      selector: {matchLabels: {app: %1$s}}
      template:
        metadata: {labels: {app: %1$s}}
        spec:
          containers:
          - name: demo
            image: "pilothouse/demo:%3$s"
            env: %4$s
            readinessProbe: {httpGet: {path: /healthz, port: 8080}}
            %7$s
      strategy:
        canary:
          scaleDownDelaySeconds: %6$d
          trafficRouting: {plugins: {pilothouse.dev/proxy: {}}}
          steps: %5$s
    """
        .formatted(
            name,
            replicas,
            version,
            env,
            steps,
            scaleDownDelaySeconds,
            liveness
                ? "livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 3}"
                : "");
  }
}
