package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs NAME [-n NS] [--tail N]}: a local pod's output; a name that is not a pod shows every
 * pod whose name starts with {@code NAME-} (a ReplicaSet's or rollout's pods), lines prefixed.
 */
@Command(
    name = "logs",
    description =
        "Show the output of a pod run by the local runtime (or of all pods of a rollout).")
final class LogsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Pod name, or a rollout/ReplicaSet name prefix.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default")
  String namespace;

  @Option(names = "--tail", paramLabel = "N", defaultValue = "100")
  int tail;

  @Override
  public Integer call() {
    if (tail < 1 || tail > 10_000) {
      throw CliException.usage("--tail must be from 1 to 10000, not " + tail);
    }
    Session session = Session.of(spec);
    ApiClient client = session.client();
    try {
      print(session, client.get(path(name)), null);
      return 0;
    } catch (ApiException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    List<String> pods = new ArrayList<>();
    JsonNode list = client.get("/apis/core/v1/namespaces/" + Commands.segment(namespace) + "/pods");
    for (JsonNode pod : list.path("items")) {
      String podName = pod.path("metadata").path("name").asText();
      if (podName.startsWith(name + "-")) {
        pods.add(podName);
      }
    }
    if (pods.isEmpty()) {
      throw CliException.failure("no pod named " + name + " (or " + name + "-*) in " + namespace);
    }
    for (String pod : pods) {
      print(session, client.get(path(pod)), pod);
    }
    return 0;
  }

  private String path(String pod) {
    return "/api/v1/namespaces/"
        + Commands.segment(namespace)
        + "/pods/"
        + Commands.segment(pod)
        + "/log?tailLines="
        + tail;
  }

  private static void print(Session session, JsonNode body, String prefix) {
    for (JsonNode line : body.path("lines")) {
      session.out().println(prefix == null ? line.asText() : "[" + prefix + "] " + line.asText());
    }
    session.out().flush();
  }
}
