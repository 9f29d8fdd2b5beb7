package dev.pilothouse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clusters} lists the Kubernetes clusters the server registered; {@code clusters rollouts
 * NAME [-n NS]} lists a cluster's rollouts.
 */
@Command(
    name = "clusters",
    description = "List registered Kubernetes clusters, or a cluster's rollouts.",
    subcommands = ClustersCommand.Rollouts.class)
final class ClustersCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    Commands.printItems(
        session.out(),
        session.client().get("/api/v1/clusters"),
        "NAME",
        "name",
        "SYNCED",
        "synced",
        "LEADER",
        "leader",
        "QUEUE",
        "queueDepth",
        "ROLLOUTS",
        "rollouts");
    return 0;
  }

  /** {@code clusters rollouts NAME [-n NS]}. */
  @Command(name = "rollouts", description = "List a cluster's rollouts (from its informer cache).")
  static final class Rollouts implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "CLUSTER")
    String cluster;

    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS")
    String namespace;

    @Override
    public Integer call() {
      Session session = Session.of(spec);
      String path =
          "/api/v1/clusters/"
              + Commands.segment(cluster)
              + "/rollouts"
              + (namespace == null ? "" : "?namespace=" + Commands.segment(namespace));
      Commands.printItems(
          session.out(),
          session.client().get(path),
          "NAMESPACE",
          "namespace",
          "NAME",
          "name",
          "PHASE",
          "phase",
          "STABLE",
          "stableRS",
          "CURRENT",
          "currentPodHash",
          "MESSAGE",
          "message");
      return 0;
    }
  }
}
