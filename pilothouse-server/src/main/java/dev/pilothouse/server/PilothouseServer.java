package dev.pilothouse.server;

import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.resource.KindRegistry;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.Authorizer;
import dev.pilothouse.proxy.ProxyMetrics;
import dev.pilothouse.server.api.ResourceApi;
import dev.pilothouse.server.api.SystemApi;
import dev.pilothouse.server.api.TenancyApi;
import dev.pilothouse.server.api.WatchStreamer;
import dev.pilothouse.server.http.Authenticator;
import dev.pilothouse.server.http.Bodies;
import dev.pilothouse.server.http.Problems;
import dev.pilothouse.server.http.Responses;
import dev.pilothouse.server.local.LocalRuntime;
import dev.pilothouse.server.local.ServiceRouter;
import dev.pilothouse.server.observe.RequestMetricsFilter;
import dev.pilothouse.server.observe.ServerMetrics;
import io.helidon.http.HttpException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the API, portal and observability endpoints over a {@link Backend} and serves them. */
public final class PilothouseServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PilothouseServer.class);

  /** How long stopping waits for open watch streams to finish their responses. */
  private static final Duration WATCH_GRACE = Duration.ofSeconds(2);

  private final Backend backend;
  private final WebServer webServer;
  private final ServerContext context;
  private final List<AutoCloseable> controllers;
  private final java.util.concurrent.atomic.AtomicReference<dev.pilothouse.kube.KubeRuntime> kube;

  private PilothouseServer(
      Backend backend,
      WebServer webServer,
      ServerContext context,
      List<AutoCloseable> controllers,
      java.util.concurrent.atomic.AtomicReference<dev.pilothouse.kube.KubeRuntime> kube) {
    this.backend = backend;
    this.webServer = webServer;
    this.context = context;
    this.controllers = controllers;
    this.kube = kube;
  }

  /**
   * Registers Kubernetes clusters: each gets an in-cluster rollout controller (active on the
   * replica holding the cluster's Lease) and shows up under {@code /api/v1/clusters}.
   */
  public PilothouseServer withClusters(
      List<dev.pilothouse.kube.KubeRuntime.ClusterConfig> clusters,
      dev.pilothouse.kube.KubeRuntime.Election election) {
    if (!clusters.isEmpty()) {
      kube.set(
          dev.pilothouse.kube.KubeRuntime.start(
              clusters,
              election,
              dev.pilothouse.server.metrics.MetricProviders.standard(),
              backend.events(),
              context.metrics().registry(),
              // Flag rollouts in a cluster move flags of this server's store.
              java.util.Map.of(
                  dev.pilothouse.core.delivery.FlagRouting.PLUGIN,
                  new dev.pilothouse.server.delivery.FlagTrafficRouter(
                      new dev.pilothouse.server.flags.FlagOperations(
                          context.resources(), backend.events()))),
              context.clock()));
    }
    return this;
  }

  /** Builds and starts a server; the backend is closed with it. */
  public static PilothouseServer start(ServerOptions options, Backend backend, Clock clock) {
    ServerContext context = ServerContext.create(options, backend, clock);
    var kube = new java.util.concurrent.atomic.AtomicReference<dev.pilothouse.kube.KubeRuntime>();
    WebServer server =
        WebServer.builder()
            .host(options.host())
            .port(options.port())
            .maxPayloadSize(options.maxBodyBytes() * 2)
            .shutdownHook(false)
            .routing(routing -> routes(routing, context, kube::get))
            .build()
            .start();
    LOG.atInfo()
        .addKeyValue("url", "http://" + options.host() + ":" + server.port())
        .log("Pilothouse is serving");
    List<AutoCloseable> parts = new java.util.ArrayList<>();
    ServiceRouter router = null;
    if (options.runtimeDir() != null) {
      LocalRuntime runtime = LocalRuntime.start(context.resources(), options.runtimeDir(), clock);
      context.local().runtime = runtime;
      router =
          ServiceRouter.start(context.resources(), runtime, context.proxyMetrics(), options.host());
      context.local().router = router;
      parts.add(router);
      parts.add(runtime);
    }
    parts.addFirst(
        dev.pilothouse.server.delivery.DeliveryControllers.start(
            context.resources(),
            backend.resources(),
            backend.events(),
            clock,
            options.runtimeDir() == null));
    parts.addFirst(
        dev.pilothouse.server.analysis.AnalysisController.start(
            context.resources(),
            backend.resources(),
            dev.pilothouse.server.metrics.MetricProviders.standard(
                    options.runtimeDir() == null ? () -> null : context::proxyMetrics)
                .with("slo", new dev.pilothouse.server.slo.SloMetricSource(context.slo())),
            clock));
    parts.addFirst(context.anomalies().start(Duration.ofSeconds(1)));
    return new PilothouseServer(backend, server, context, List.copyOf(parts), kube);
  }

  private static void routes(
      HttpRouting.Builder routing,
      ServerContext c,
      java.util.function.Supplier<dev.pilothouse.kube.KubeRuntime> kube) {
    routing
        .addFilter(new RequestMetricsFilter(c.metrics()))
        .register(new SystemApi(c.resources().kinds(), c.metrics(), c.backend().ready()))
        .register(
            "/apis",
            new ResourceApi(c.resources(), c.auth(), c.authorizer(), c.bodies(), c.watches()))
        .register(
            "/api/v1",
            new TenancyApi(
                c.backend().tenancy(), c.backend().audit(), c.auth(), c.authorizer(), c.bodies()));
    routing.register(
        "/api/v1",
        new dev.pilothouse.server.delivery.RolloutApi(
            c.resources(), c.auth(), c.authorizer(), c.backend().events(), c.clock()));
    routing.register(
        "/api/v1",
        new dev.pilothouse.server.api.EventsApi(c.backend().events(), c.auth(), c.authorizer()));
    routing.register(
        "/api/v1",
        new dev.pilothouse.server.api.AdminApi(
            c.resources(), c.auth(), c.authorizer(), c.bodies()));
    routing.register(
        "/ofrep/v1",
        new dev.pilothouse.server.flags.OfrepApi(
            c.resources(), c.auth(), c.authorizer(), c.bodies(), c.clock()));
    routing.register(
        "/api/v1", new dev.pilothouse.server.slo.SloApi(c.slo(), c.auth(), c.authorizer()));
    routing.register(
        "/api/v1", new dev.pilothouse.server.kube.ClustersApi(kube, c.auth(), c.authorizer()));
    routing.register(
        "/api/v1",
        new dev.pilothouse.server.local.LogsApi(
            c.auth(),
            c.authorizer(),
            () -> c.local().runtime(),
            c.clock(),
            Duration.ofMinutes(30)));
    routing.register(
        "/api/v1",
        new dev.pilothouse.server.flags.FlagsApi(c.flags(), c.auth(), c.authorizer(), c.bodies()));
    PortalRoutes.register(routing, c, kube);
    routing
        .error(PilothouseException.class, (req, res, e) -> Responses.problem(res, Problems.of(e)))
        .error(
            HttpException.class,
            (req, res, e) ->
                Responses.problem(
                    res, Problems.of(e.status().code(), e.status().reasonPhrase(), safeDetail(e))))
        .error(
            Exception.class,
            (req, res, e) -> {
              LOG.atError()
                  .setCause(e)
                  .addKeyValue("path", req.path().path())
                  .log("unhandled error");
              Responses.problem(res, Problems.internal());
            });
  }

  /** Helidon's own errors (no route, bad request line) carry messages safe only for 4xx. */
  private static String safeDetail(HttpException e) {
    return e.status().code() < 500 ? e.getMessage() : "the request could not be processed";
  }

  /** The port the server listens on. */
  public int port() {
    return webServer.port();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return "http://" + context.options().host() + ":" + port();
  }

  /** Everything the server was wired with (for the portal and tests). */
  public ServerContext context() {
    return context;
  }

  /**
   * Stops as a crash would for the local runtime's pods: everything closes except that pod
   * processes keep running and their records stay, for a next run to adopt (tests use it).
   */
  public void closeLeavingPods() throws Exception {
    context.local().runtime().ifPresent(LocalRuntime::abandon);
    for (AutoCloseable controller : controllers) {
      if (!(controller instanceof LocalRuntime)) {
        controller.close();
      }
    }
    context.watches().endAll(WATCH_GRACE);
    webServer.stop();
    backend.closer().close();
  }

  /** Stops serving, then closes the backend. */
  @Override
  public void close() throws Exception {
    dev.pilothouse.kube.KubeRuntime runtime = kube.getAndSet(null);
    if (runtime != null) {
      runtime.close();
    }
    for (AutoCloseable controller : controllers) {
      controller.close();
    }
    context.watches().endAll(WATCH_GRACE);
    webServer.stop();
    backend.closer().close();
  }

  /**
   * The shared components of one server.
   *
   * @param watches streams resource watches
   * @param slo live SLO budgets
   */
  public record ServerContext(
      ServerOptions options,
      Backend backend,
      Clock clock,
      ResourceService resources,
      Authenticator auth,
      Authorizer authorizer,
      Bodies bodies,
      ServerMetrics metrics,
      WatchStreamer watches,
      dev.pilothouse.server.slo.SloBudgetService slo,
      dev.pilothouse.server.anomaly.AnomalyMonitors anomalies,
      ProxyMetrics proxyMetrics,
      Local local,
      dev.pilothouse.server.flags.FlagOperations flags) {

    /** The local runtime's parts, set once the server started them (absent otherwise). */
    public static final class Local {
      volatile LocalRuntime runtime;
      volatile ServiceRouter router;

      /** The local runtime, if this server runs one. */
      public java.util.Optional<LocalRuntime> runtime() {
        return java.util.Optional.ofNullable(runtime);
      }

      /** The service router and its proxy, if this server runs the local runtime. */
      public java.util.Optional<ServiceRouter> router() {
        return java.util.Optional.ofNullable(router);
      }
    }

    static ServerContext create(ServerOptions options, Backend backend, Clock clock) {
      ResourceService resources =
          new ResourceService(KindRegistry.builtin(), backend.resources(), clock);
      resources.addChangeListener(
          new dev.pilothouse.server.flags.FlagEventRecorder(backend.events(), clock));
      resources.addChangeListener(
          new dev.pilothouse.server.delivery.FlagVariantRecorder(backend.events(), clock));
      var owners =
          new dev.pilothouse.core.tenancy.CachedNamespaceOwners(
              backend.tenancy()::namespaceOwner, clock, options.tokenCacheTtl());
      Authorizer authorizer = new Authorizer(owners);
      ServerMetrics metrics = new ServerMetrics();
      if (backend.pool() != null) {
        var p = backend.pool();
        metrics.databasePool(p.active(), p.idle(), p.pending(), p.total());
      }
      WatchStreamer watches =
          new WatchStreamer(
              resources, authorizer, clock, options.watchKeepAlive(), Duration.ofMinutes(30));
      metrics.gauge(
          "pilothouse_watches_open", "Resource watches currently streaming", watches::openWatches);
      dev.pilothouse.server.observe.ControllerGauges.register(metrics, resources);
      ProxyMetrics proxyMetrics = new ProxyMetrics(clock);
      if (options.runtimeDir() != null) {
        metrics.add(proxyMetrics::writeTo);
      }
      return new ServerContext(
          options,
          backend,
          clock,
          resources,
          new Authenticator(backend.tenancy(), clock, options.tokenCacheTtl())
              .onInvalidate(owners::invalidate),
          authorizer,
          new Bodies(options.maxBodyBytes()),
          metrics,
          watches,
          new dev.pilothouse.server.slo.SloBudgetService(
              resources,
              new dev.pilothouse.server.slo.PrometheusQueries(
                  java.net.http.HttpClient.newBuilder()
                      .connectTimeout(Duration.ofSeconds(5))
                      .build()),
              options.prometheusUrl()),
          dev.pilothouse.server.anomaly.AnomalyMonitors.create(
              resources,
              backend.events(),
              dev.pilothouse.server.metrics.MetricProviders.standard(),
              clock,
              metrics),
          proxyMetrics,
          new Local(),
          new dev.pilothouse.server.flags.FlagOperations(resources, backend.events()));
    }
  }
}
