package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.local.DesiredPods;
import dev.pilothouse.core.local.PodAction;
import dev.pilothouse.core.local.PodEnv;
import dev.pilothouse.core.local.PodPlan;
import dev.pilothouse.core.local.PodPlanner;
import dev.pilothouse.core.local.PodState;
import dev.pilothouse.core.local.PortMap;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime: runs each ReplicaSet's pods as OS processes on this machine. Every tick it
 * observes the processes (alive, readiness and liveness probes), plans with {@link PodPlanner} and
 * applies the plan: start, stop, restart and ReplicaSet status writes. Each pod is recorded as a
 * {@code Pod} resource (pid, port, process start time), so a Pilothouse that crashed adopts the
 * processes still running and forgets those that are gone. Output of each pod goes to {@code
 * <dir>/<namespace>/<pod>.log}.
 */
public final class LocalRuntime implements AutoCloseable {
  /** The actor of the runtime's writes. */
  public static final Actor ACTOR = new Actor("system:local-runtime");

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
  private static final Duration TICK = Duration.ofMillis(250);
  private static final Duration PROBE_WAIT = Duration.ofSeconds(2);
  private static final Duration DRAIN = Duration.ofMillis(500);
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final ResourceService resources;
  private final KindInfo replicaSets;
  private final KindInfo pods;
  private final Path dir;
  private final ImageMap images;
  private final Clock clock;
  private final Map<String, PodProcess> processes = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "local-runtime"));
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private volatile List<Pod> lastServing = List.of();
  private volatile boolean running = true;

  /**
   * A pod as routing sees it.
   *
   * @param labels the pod's labels (its template's, with the pod-template hash)
   * @param ports the loopback ports it listens on, by declared container port
   * @param serving whether it runs and passes its readiness probe
   */
  public record Pod(
      String namespace,
      String name,
      String replicaSet,
      Map<String, String> labels,
      PortMap ports,
      boolean serving) {
    /** The main port ({@code PORT}). */
    public int port() {
      return ports.main();
    }
  }

  private LocalRuntime(ResourceService resources, Path dir, ImageMap images, Clock clock) {
    this.resources = resources;
    this.replicaSets = resources.kinds().byPath("apps", "v1", "replicasets");
    this.pods = resources.kinds().byPath("", "v1", "pods");
    this.dir = dir;
    this.images = images;
    this.clock = clock;
  }

  /**
   * Adopts the pods recorded by an earlier run that still run, then starts supervising.
   *
   * @param dir where pod logs go (and {@code images.properties}, the image map, is read from)
   */
  public static LocalRuntime start(ResourceService resources, Path dir, Clock clock) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    LocalRuntime runtime =
        new LocalRuntime(resources, dir, ImageMap.load(dir.resolve("images.properties")), clock);
    runtime.adopt();
    runtime.ticker.scheduleWithFixedDelay(
        runtime::safeTick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return runtime;
  }

  /**
   * Calls {@code listener} (on the runtime thread) whenever the set of serving pods changes, before
   * any ready count that includes a new pod is written. A listener that throws is called again on
   * the next tick, and ready counts wait until it succeeds.
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** The pods now known, serving or not. */
  public List<Pod> pods() {
    return processes.values().stream().map(PodProcess::view).toList();
  }

  /** Whether the runtime still supervises its pods (false once closed or abandoned). */
  public boolean running() {
    return running;
  }

  /** The log file of a pod, if the runtime knows of one. */
  public Optional<Path> logFile(String namespace, String pod) {
    Path file = logPath(namespace, pod);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The pid of a pod's process, if it runs (for tests and diagnostics). */
  public Optional<Long> pid(String namespace, String pod) {
    PodProcess p = processes.get(namespace + "/" + pod);
    return p == null || p.handle == null || !p.handle.isAlive()
        ? Optional.empty()
        : Optional.of(p.handle.pid());
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("local runtime tick failed; retrying");
    }
  }

  private synchronized void tick() {
    Instant now = clock.instant();
    List<Resource> sets = resources.list(replicaSets, null, LabelSelector.ALL).items();
    observe(now);
    List<DesiredPods> desired = new ArrayList<>();
    Map<String, Resource> byKey = new HashMap<>();
    for (Resource rs : sets) {
      byKey.put(rs.namespace() + "/" + rs.name(), rs);
      desired.add(
          new DesiredPods(
              rs.namespace(),
              rs.name(),
              rs.json().path("spec").path("replicas").asInt(1),
              rs.status().path("replicas").asInt(0),
              rs.status().path("readyReplicas").asInt(0)));
    }
    List<PodState> observed = processes.values().stream().map(PodProcess::state).toList();
    PodPlan plan = PodPlanner.plan(desired, observed, now);
    List<PodAction> statusWrites = new ArrayList<>();
    for (PodAction action : plan.actions()) {
      if (action instanceof PodAction.WriteStatus) {
        statusWrites.add(action);
      } else {
        applySafely(action, byKey, now);
      }
    }
    // Routes first: once a ReplicaSet or Pod record says ready, the proxy already sends the pod
    // traffic (the rollout, and whoever waits for it, takes readyReplicas as "served"). If the
    // routes could not be published, the ready counts wait for the next tick.
    if (!notifyIfChanged()) {
      return;
    }
    statusWrites.forEach(action -> applySafely(action, byKey, now));
    processes.values().forEach(this::record);
  }

  private void applySafely(PodAction action, Map<String, Resource> byKey, Instant now) {
    try {
      apply(action, byKey, now);
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).addKeyValue("action", action).log("local runtime action failed");
    }
  }

  private void apply(PodAction action, Map<String, Resource> byKey, Instant now) {
    switch (action) {
      case PodAction.Start s -> {
        Resource rs = byKey.get(s.namespace() + "/" + s.replicaSet());
        JsonNode template = rs.json().path("spec").path("template");
        Map<String, String> labels = new HashMap<>();
        template
            .path("metadata")
            .path("labels")
            .properties()
            .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        PodProcess p =
            new PodProcess(
                s.namespace(),
                s.pod(),
                s.replicaSet(),
                ordinal(s.pod()),
                template.path("spec").path("containers").path(0),
                labels);
        processes.put(p.key(), p);
        createRecord(p, rs);
        launch(p, now);
      }
      case PodAction.Stop s -> stop(processes.get(s.namespace() + "/" + s.pod()));
      case PodAction.Restart r -> {
        PodProcess p = processes.get(r.namespace() + "/" + r.pod());
        if (p.handle != null && p.handle.isAlive()) {
          p.readiness.reset(now);
          notifyIfChanged();
          terminate(p.handle);
        }
        if (p.handle == null) {
          p.failedStarts++; // never started: not a restart (Kubernetes keeps restartCount 0)
          log(p, "retrying the start (attempt " + (p.failedStarts + 1) + ")");
        } else {
          p.restarts++;
          log(p, "restarting (" + r.reason() + ", restart " + p.restarts + ")");
        }
        launch(p, now);
      }
      case PodAction.WriteStatus w -> {
        ObjectNode patch = Json.object();
        patch
            .putObject("status")
            .put("replicas", w.replicas())
            .put("readyReplicas", w.readyReplicas())
            .put("availableReplicas", w.readyReplicas());
        try {
          resources.patch(replicaSets, w.namespace(), w.replicaSet(), patch, true, ACTOR);
        } catch (NotFoundException e) {
          // deleted meanwhile; the next tick stops its pods
        }
      }
    }
  }

  /** Starts the pod's process on a fresh port; a launch failure leaves it exited for backoff. */
  private void launch(PodProcess p, Instant now) {
    p.startedAt = now;
    p.resetProbes(now, true);
    try {
      PortMap ports = PortMap.allocate(p.container, LocalRuntime::freePort);
      Map<String, String> injected = injectedEnv(p, ports);
      // What $(NAME) in command and args sees: the container's env and the runtime's variables,
      // not the image's (as on Kubernetes, where an image's ENV is not expanded either).
      Map<String, String> declared = new HashMap<>(containerEnv(p, injected));
      declared.putAll(injected);
      ImageMap.Launch launch = images.resolve(p.container, declared);
      Map<String, String> env = new HashMap<>(launch.env());
      env.putAll(declared);
      Path log = logPath(p.namespace, p.name);
      Files.createDirectories(log.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(launch.command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
      pb.environment().putAll(env);
      log(
          p,
          "starting on port "
              + ports.main()
              + ": "
              + String.join(" ", shortened(launch.command())));
      Process process = pb.start();
      p.handle = process.toHandle();
      p.ports = ports;
      p.env = Map.copyOf(env);
      p.phase = PodState.Phase.RUNNING;
      p.exitedAt = null;
      p.reason = "";
      p.message = "";
    } catch (ImageMap.LaunchException e) {
      exited(p, now, e.reason(), e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      exited(p, now, "StartFailed", e.getMessage());
    }
  }

  /** The variables the runtime sets itself: ports, POD_NAME, POD_NAMESPACE (they win). */
  private static Map<String, String> injectedEnv(PodProcess p, PortMap ports) {
    Map<String, String> env = new HashMap<>(ports.env());
    env.put("POD_NAME", p.name);
    env.put("POD_NAMESPACE", p.namespace);
    return env;
  }

  /**
   * The container's env and envFrom, resolved now (a later change needs a new pod, as in K8s);
   * {@code $(NAME)} in values may also refer to the {@code injected} variables.
   */
  private Map<String, String> containerEnv(PodProcess p, Map<String, String> injected)
      throws ImageMap.LaunchException {
    PodEnv.PodFields fields =
        new PodEnv.PodFields(
            p.name, p.namespace, p.labels, "127.0.0.1", NodeResources.allocatable());
    return switch (PodEnv.resolve(
        p.container, fields, injected, new ConfigLookup(resources, p.namespace))) {
      case PodEnv.Result.Resolved r -> r.env();
      case PodEnv.Result.Failed f ->
          throw new ImageMap.LaunchException(PodEnv.CONFIG_ERROR, f.message());
    };
  }

  /** The env for exec probes of an adopted pod (its real env is what it was started with). */
  private Map<String, String> containerEnvOrEmpty(PodProcess p) {
    Map<String, String> injected = injectedEnv(p, p.ports);
    try {
      Map<String, String> env = new HashMap<>(containerEnv(p, injected));
      env.putAll(injected);
      return env;
    } catch (ImageMap.LaunchException e) {
      return injected;
    }
  }

  private void exited(PodProcess p, Instant now, String reason, String message) {
    p.phase = PodState.Phase.EXITED;
    p.exitedAt = now;
    p.reason = reason;
    p.message = message;
    log(p, reason + ": " + message);
  }

  /**
   * Notices exited processes and starts the probes that are due, in parallel; waits a little for
   * them so that a pod that just passed serves from this tick on, but never for a slow probe.
   */
  private void observe(Instant now) {
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (PodProcess p : processes.values()) {
      if (p.phase != PodState.Phase.RUNNING) {
        continue;
      }
      if (!p.handle.isAlive()) {
        exited(p, now, "ProcessExited", "the process exited");
        continue;
      }
      for (ProbeTracker t : p.dueProbes()) {
        if (t != null && t.claim(now)) {
          running.add(probes.submit(() -> t.record(t.probe.check(http, p.ports, p.env))));
        }
      }
    }
    long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
    for (var f : running) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        // still running: its result counts when it arrives
      }
    }
  }

  private void stop(PodProcess p) {
    if (p == null || p.phase == PodState.Phase.STOPPING) {
      return;
    }
    p.phase = PodState.Phase.STOPPING;
    notifyIfChanged();
    ProcessHandle handle = p.handle;
    Thread.ofVirtual()
        .name("stop-" + p.name)
        .start(() -> {
          try {
            // Let the proxy's new route table take over before the process goes away.
            Thread.sleep(DRAIN);
            if (handle != null) {
              terminate(handle);
            }
            log(p, "stopped");
            deleteRecord(p);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("pod", p.name).log("stopping a pod failed");
          } finally {
            processes.remove(p.key(), p);
          }
        });
  }

  /** SIGTERM to the process and its descendants, SIGKILL after the grace period. */
  static void terminate(ProcessHandle handle) {
    List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
    all.addFirst(handle);
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        h.destroyForcibly();
      }
    }
  }

  // ---- Pod records -------------------------------------------------------------------------

  private void createRecord(PodProcess p, Resource rs) {
    ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata").put("name", p.name);
    ObjectNode labels = metadata.putObject("labels");
    p.labels.forEach(labels::put);
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "apps/v1")
        .put("kind", "ReplicaSet")
        .put("name", rs.name())
        .put("uid", rs.uid())
        .put("controller", true);
    pod.putObject("spec").putArray("containers").add(p.container.deepCopy());
    try {
      resources.delete(pods, p.namespace, p.name, 0, ACTOR);
    } catch (NotFoundException e) {
      // the usual case
    }
    resources.create(pods, p.namespace, pod, ACTOR);
    p.recorded = "";
  }

  /** Writes the pod's status when it changed since the last write. */
  private void record(PodProcess p) {
    if (p.phase == PodState.Phase.STOPPING) {
      return;
    }
    ObjectNode status = Json.object();
    status
        .put(
            "phase",
            switch (p.phase) {
              case RUNNING -> "Running";
              case EXITED -> p.handle == null ? "Pending" : "Failed";
              case STOPPING -> "Succeeded";
            })
        .put("podIP", "127.0.0.1")
        .put("port", p.ports.main())
        .put("ready", p.ready())
        .put("restartCount", p.restarts)
        .put("reason", p.reason)
        .put("message", p.message);
    if (p.handle != null && p.phase == PodState.Phase.RUNNING) {
      status.put("pid", p.handle.pid());
      p.handle.info().startInstant().ifPresent(t -> status.put("processStart", t.toString()));
      status.put("startTime", p.startedAt.toString());
    }
    status.set("ports", p.ports.toJson());
    status
        .putArray("conditions")
        .addObject()
        .put("type", "Ready")
        .put("status", p.ready() ? "True" : "False")
        .put("reason", p.reason)
        .put("message", p.message);
    String text = status.toString();
    if (text.equals(p.recorded)) {
      return;
    }
    ObjectNode patch = Json.object();
    patch.set("status", status);
    try {
      resources.patch(pods, p.namespace, p.name, patch, true, ACTOR);
      p.recorded = text;
    } catch (NotFoundException e) {
      // recreated on the next start
    }
  }

  private void deleteRecord(PodProcess p) {
    try {
      resources.delete(pods, p.namespace, p.name, 0, ACTOR);
    } catch (NotFoundException e) {
      // already gone
    }
  }

  /**
   * Takes over the processes an earlier run recorded that still run (same pid and process start
   * time, so a reused pid is never mistaken for a pod), and deletes the records of the others.
   */
  private void adopt() {
    for (Resource pod : resources.list(pods, null, LabelSelector.ALL).items()) {
      JsonNode status = pod.status();
      String owner = pod.metadata().path("ownerReferences").path(0).path("name").asText("");
      Optional<ProcessHandle> handle =
          ProcessHandle.of(status.path("pid").asLong(-1))
              .filter(ProcessHandle::isAlive)
              .filter(h ->
                  h.info()
                      .startInstant()
                      .map(t -> t.toString().equals(status.path("processStart").asText()))
                      .orElse(false));
      if (handle.isEmpty() || owner.isEmpty()) {
        deleteRecord(pod);
        continue;
      }
      PodProcess p =
          new PodProcess(
              pod.namespace(),
              pod.name(),
              owner,
              ordinal(pod.name()),
              pod.json().path("spec").path("containers").path(0),
              pod.labels());
      p.handle = handle.get();
      p.ports = PortMap.fromJson(status.path("ports"), status.path("port").asInt());
      p.env = containerEnvOrEmpty(p);
      p.resetProbes(clock.instant(), false);
      p.phase = PodState.Phase.RUNNING;
      p.restarts = status.path("restartCount").asInt(0);
      p.startedAt = Instant.parse(status.path("startTime").asText(clock.instant().toString()));
      processes.put(p.key(), p);
      log(p, "adopted by a new Pilothouse run (pid " + p.handle.pid() + ")");
      LOG.atInfo().addKeyValue("pod", p.key()).addKeyValue("pid", p.handle.pid()).log("adopted");
    }
  }

  private void deleteRecord(Resource pod) {
    try {
      resources.delete(pods, pod.namespace(), pod.name(), 0, ACTOR);
    } catch (NotFoundException e) {
      // already gone
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * Tells the listeners (the router) when the serving pods changed, and waits for them. Returns
   * false if one failed; the change is then reported again on the next call.
   */
  private boolean notifyIfChanged() {
    List<Pod> serving =
        processes.values().stream()
            .map(PodProcess::view)
            .filter(Pod::serving)
            .sorted(java.util.Comparator.comparing(Pod::name))
            .toList();
    if (serving.equals(lastServing)) {
      return true;
    }
    lastServing = serving;
    boolean ok = true;
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.atWarn().setCause(e).log("runtime change listener failed; retrying next tick");
        ok = false;
      }
    }
    if (!ok) {
      lastServing = null;
    }
    return ok;
  }

  private Path logPath(String namespace, String pod) {
    return dir.resolve(namespace).resolve(pod + ".log");
  }

  private void log(PodProcess p, String line) {
    Path file = logPath(p.namespace, p.name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "--- pilothouse " + clock.instant() + ": " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.atWarn().setCause(e).addKeyValue("pod", p.name).log("cannot write pod log");
    }
  }

  private static List<String> shortened(List<String> command) {
    return command.stream().map(c -> c.length() > 120 ? c.substring(0, 117) + "..." : c).toList();
  }

  private static int ordinal(String pod) {
    try {
      return Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /**
   * Stops supervising without stopping the processes, as a crash would (tests use it to check that
   * a new run adopts them).
   */
  public void abandon() {
    running = false;
    ticker.shutdownNow();
    awaitTicker();
    probes.shutdownNow();
  }

  /** Stops supervising, then stops every pod's process gracefully and forgets its record. */
  @Override
  public void close() {
    running = false;
    ticker.shutdownNow();
    awaitTicker();
    List<Thread> stopping = new ArrayList<>();
    for (PodProcess p : processes.values()) {
      stopping.add(
          Thread.ofVirtual()
              .start(() -> {
                if (p.handle != null) {
                  terminate(p.handle);
                }
                log(p, "stopped (Pilothouse shut down)");
                try {
                  deleteRecord(p);
                } catch (RuntimeException e) {
                  LOG.atWarn().setCause(e).log("cannot delete pod record");
                }
              }));
    }
    for (Thread t : stopping) {
      try {
        t.join(GRACE.plusSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    probes.shutdownNow();
  }

  private void awaitTicker() {
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
