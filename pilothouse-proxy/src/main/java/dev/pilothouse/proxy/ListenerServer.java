package dev.pilothouse.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP servers of one listener, deployed as one verticle instance per event loop: Vert.x shares
 * a port (even an ephemeral one) only among instances of one deployment, and serves each instance's
 * connections on its own event loop, so this is what spreads the load over the cores. Each instance
 * has its own backend client, created on its event loop, so a request and its upstream exchange run
 * on one thread with no hand-off between loops.
 */
final class ListenerServer {

  private static final long GRACE_SECONDS = 5;

  private final Vertx vertx;
  private final String deploymentId;
  private final Listener listener;

  private ListenerServer(Vertx vertx, String deploymentId, Listener listener) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.listener = listener;
  }

  /** Binds the listener on {@code options.eventLoops()} event loops. */
  static Future<ListenerServer> start(
      Vertx vertx,
      Listener listener,
      ProxyOptions options,
      Function<HttpClient, Handler<HttpServerRequest>> handlers) {
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setHost(options.bindHost())
            .setPort(listener.port())
            .setTcpNoDelay(true)
            .setIdleTimeout((int) options.idleTimeout().toSeconds());
    AtomicInteger bound = new AtomicInteger();
    return vertx
        .deployVerticle(
            () -> new ServerVerticle(serverOptions, options, handlers, bound),
            // Port 0 would give every instance its own ephemeral port: use one instance then.
            new DeploymentOptions().setInstances(listener.port() == 0 ? 1 : options.eventLoops()))
        .map(id -> new ListenerServer(vertx, id, new Listener(listener.service(), bound.get())));
  }

  /** Returns the listener with its actual bound port. */
  Listener listener() {
    return listener;
  }

  /** Stops accepting and lets in-flight requests finish for a few seconds. */
  Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  /** One server instance on one event loop. */
  private static final class ServerVerticle extends VerticleBase {
    private final HttpServerOptions serverOptions;
    private final ProxyOptions proxyOptions;
    private final Function<HttpClient, Handler<HttpServerRequest>> handlers;
    private final AtomicInteger bound;
    private HttpServer server;
    private HttpClientAgent client;

    ServerVerticle(
        HttpServerOptions serverOptions,
        ProxyOptions proxyOptions,
        Function<HttpClient, Handler<HttpServerRequest>> handlers,
        AtomicInteger bound) {
      this.serverOptions = serverOptions;
      this.proxyOptions = proxyOptions;
      this.handlers = handlers;
      this.bound = bound;
    }

    @Override
    public Future<?> start() {
      client = vertx.createHttpClient(clientOptions(proxyOptions), poolOptions(proxyOptions));
      server = vertx.createHttpServer(serverOptions).requestHandler(handlers.apply(client));
      return server.listen().onSuccess(s -> bound.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
      return server.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).eventually(() -> client.close());
    }

    private static HttpClientOptions clientOptions(ProxyOptions options) {
      return new HttpClientOptions()
          .setKeepAlive(true)
          .setTcpNoDelay(true)
          .setIdleTimeout((int) options.idleTimeout().toSeconds());
    }

    /** The per-backend pool size is shared out among the event loops. */
    private static PoolOptions poolOptions(ProxyOptions options) {
      int perLoop = Math.max(1, options.maxConnectionsPerBackend() / options.eventLoops());
      return new PoolOptions().setHttp1MaxSize(perLoop);
    }
  }
}
