package dev.pilothouse.server;

import dev.pilothouse.kube.KubeRuntime;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock Kubernetes API server with Pilothouse's CRDs in a child JVM ({@code
 * MockClusterMain} from pilothouse-kube's tests, on that module's class path): its Vert.x 4 cannot
 * share this class path with the proxy's Netty 4.2. Closing it closes the child's input, which ends
 * it.
 */
final class MockClusterProcess implements AutoCloseable {
  private static final Path KUBE = Path.of("../pilothouse-kube/target");

  private final Process process;
  private final String url;

  private MockClusterProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts the mock; its standard error goes to {@code dir/mock.err}. */
  static MockClusterProcess start(Path dir) throws IOException {
    String classpath =
        String.join(
            java.io.File.pathSeparator,
            KUBE.resolve("test-classes").toAbsolutePath().toString(),
            KUBE.resolve("classes").toAbsolutePath().toString(),
            Files.readString(KUBE.resolve("test-classpath.txt")).strip());
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                "dev.pilothouse.kube.MockClusterMain")
            .redirectError(dir.resolve("mock.err").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("url ")) {
        return new MockClusterProcess(process, line.substring(4));
      }
    }
    process.destroyForcibly();
    throw new AssertionError(
        "the mock cluster did not start: " + Files.readString(dir.resolve("mock.err")));
  }

  /** The API server's URL. */
  String url() {
    return url;
  }

  /** A client of the mock API server. */
  KubernetesClient client() {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).build())
        .build();
  }

  /** Writes a kubeconfig for the mock (context {@code lab}) and returns it as cluster "lab". */
  KubeRuntime.ClusterConfig register(Path dir) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: lab, context: {cluster: c, user: u, namespace: default}}]
        current-context: lab
        """
            .formatted(url));
    return new KubeRuntime.ClusterConfig("lab", Optional.of(kubeconfig), Optional.of("lab"), false);
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close(); // MockClusterMain ends when its input closes
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
