package dev.pilothouse.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;

/**
 * A fabric8 mock API server in CRUD mode on loopback, with Pilothouse's CRDs from {@code
 * deploy/kubernetes/crds} installed (so the status subresource behaves as on a real server).
 */
final class MockCluster implements AutoCloseable {
  static final Path CRDS = Path.of("../deploy/kubernetes/crds");

  final KubernetesMockServer server;
  final VersionCheckingDispatcher dispatcher = new VersionCheckingDispatcher();
  final KubernetesClient client;

  MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    installCrds(client);
  }

  static void installCrds(KubernetesClient client) {
    try (Stream<Path> files = Files.list(CRDS)) {
      for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .resource(crd)
              .createOr(r -> r.update());
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // The mock sometimes times out closing a watch connection the client already dropped.
    }
  }
}
