package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs NAME [-n NS] [--tail N] [-f]}: a local pod's output; a name that is not a pod shows
 * every pod whose name starts with {@code NAME-} (a ReplicaSet's or rollout's pods), lines
 * prefixed. With {@code --follow} it keeps printing new lines until interrupted.
 */
@Command(
    name = "logs",
    description =
        "Show the output of a pod run by the local runtime (or of all pods of a rollout).")
final class LogsCommand implements Callable<Integer> {
  /** How often a followed prefix looks for new pods. */
  private static final long RELIST_MILLIS = 2_000;

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

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines (across pod restarts) until Ctrl-C.")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    if (tail < 1 || tail > 10_000) {
      throw CliException.usage("--tail must be from 1 to 10000, not " + tail);
    }
    Session session = Session.of(spec);
    ApiClient client = session.client();
    try {
      client.get(path(name) + "?tailLines=1");
      if (follow) {
        new LogFollower(client, session, null).follow(path(name), tail);
      } else {
        print(session, client.get(path(name) + "?tailLines=" + tail), null);
      }
      return 0;
    } catch (ApiException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    List<String> pods = podsWithPrefix(client);
    if (pods.isEmpty()) {
      throw CliException.failure("no pod named " + name + " (or " + name + "-*) in " + namespace);
    }
    if (follow) {
      followAll(client, session, pods);
    }
    for (String pod : pods) {
      print(session, client.get(path(pod) + "?tailLines=" + tail), pod);
    }
    return 0;
  }

  /** Follows every pod of the prefix, and the pods that appear later (a rollout's new ones). */
  private void followAll(ApiClient client, Session session, List<String> first)
      throws InterruptedException {
    Set<String> followed = new HashSet<>();
    List<String> pods = first;
    while (true) {
      for (String pod : pods) {
        if (followed.add(pod)) {
          LogFollower f = new LogFollower(client, session, pod);
          Thread.ofVirtual().name("follow-" + pod).start(() -> f.followQuietly(path(pod), tail));
        }
      }
      Thread.sleep(RELIST_MILLIS);
      pods = podsWithPrefix(client);
    }
  }

  private List<String> podsWithPrefix(ApiClient client) {
    List<String> pods = new ArrayList<>();
    JsonNode list = client.get("/apis/core/v1/namespaces/" + Commands.segment(namespace) + "/pods");
    for (JsonNode pod : list.path("items")) {
      String podName = pod.path("metadata").path("name").asText();
      if (podName.startsWith(name + "-")) {
        pods.add(podName);
      }
    }
    return pods;
  }

  private String path(String pod) {
    return "/api/v1/namespaces/"
        + Commands.segment(namespace)
        + "/pods/"
        + Commands.segment(pod)
        + "/log";
  }

  private static void print(Session session, JsonNode body, String prefix) {
    for (JsonNode line : body.path("lines")) {
      session.out().println(LogFollower.prefixed(prefix, line.asText()));
    }
    session.out().flush();
  }
}
