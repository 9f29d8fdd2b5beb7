package dev.pilothouse.kube;

/**
 * A {@link MockCluster} with the {@link FakeReplicaSetController} in a JVM of its own, for tests of
 * modules whose class path cannot hold the mock server's Vert.x 4 (pilothouse-server's holds the
 * proxy's Netty 4.2). Prints {@code url <master URL>} once the API answers, then runs until its
 * standard input closes (the parent test ends or dies). The class path is in {@code
 * pilothouse-kube/target/test-classpath.txt}, written by the build.
 */
public final class MockClusterMain {
  private MockClusterMain() {}

  public static void main(String[] args) throws Exception {
    try (MockCluster cluster = new MockCluster();
        FakeReplicaSetController pods = new FakeReplicaSetController(cluster.client)) {
      System.out.println("url " + cluster.client.getMasterUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
    System.exit(0);
  }
}
