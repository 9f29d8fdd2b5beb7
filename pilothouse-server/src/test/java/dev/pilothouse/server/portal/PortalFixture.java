package dev.pilothouse.server.portal;

import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.InMemoryResourceStore;
import dev.pilothouse.core.resource.KindInfo;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceService;
import dev.pilothouse.core.tenancy.InMemoryTenancyRepository;
import dev.pilothouse.core.tenancy.Tokens;
import dev.pilothouse.server.Backend;
import dev.pilothouse.server.PilothouseServer;
import dev.pilothouse.server.ServerOptions;
import java.time.Clock;
import java.time.Duration;

/** A real server over in-memory storage, with a platform admin and a token for it. */
final class PortalFixture implements AutoCloseable {
  final InMemoryResourceStore store = new InMemoryResourceStore();
  final InMemoryTenancyRepository tenancy = new InMemoryTenancyRepository();
  final PilothouseServer server;
  final String secret = Tokens.newSecret();

  PortalFixture() {
    this("");
  }

  /** A fixture whose server reads SLO budgets from the Prometheus at {@code prometheusUrl}. */
  PortalFixture(String prometheusUrl) {
    tenancy.createUser("admin", true, Actor.SYSTEM);
    tenancy.createToken("admin", "test", Tokens.hash(secret), Actor.SYSTEM);
    ServerOptions defaults = ServerOptions.defaults().withPort(0);
    // Short keep-alives so streams notice closed browsers quickly and the server stops promptly.
    ServerOptions options =
        new ServerOptions(
            defaults.host(),
            0,
            defaults.maxBodyBytes(),
            Duration.ofMillis(500),
            defaults.tokenCacheTtl(),
            prometheusUrl);
    server =
        PilothouseServer.start(
            options,
            new Backend(store, store, tenancy, () -> true, null, () -> {}),
            Clock.systemUTC());
  }

  ResourceService resources() {
    return server.context().resources();
  }

  KindInfo configMaps() {
    return resources().kinds().byPath("", "v1", "configmaps");
  }

  /** Creates a ConfigMap through the resource service, as the API would. */
  Resource createConfigMap(String namespace, String name) {
    String body =
        """
        {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": {"name": "%s", "labels": {"app": "web"}}, "data": {"greeting": "hello"}}
        """
            .formatted(name);
    return resources().create(configMaps(), namespace, Json.parse(body), Actor.SYSTEM);
  }

  /** Stores a ConfigMap directly, bypassing admission (e.g. with labels the API would refuse). */
  Resource storeConfigMap(String namespace, String name, String labelValue) {
    var doc = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
    var metadata = doc.putObject("metadata").put("name", name).put("namespace", namespace);
    metadata.putObject("labels").put("note", labelValue);
    return store.create(
        ResourceKey.of(configMaps(), namespace, name), Resource.of(doc), Actor.SYSTEM);
  }

  void deleteConfigMap(String namespace, String name) {
    resources().delete(configMaps(), namespace, name, 0, Actor.SYSTEM);
  }

  String url(String path) {
    return server.url() + path;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
