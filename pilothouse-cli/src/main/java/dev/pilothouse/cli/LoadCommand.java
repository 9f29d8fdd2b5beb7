package dev.pilothouse.cli;

import dev.pilothouse.core.analysis.GoDuration;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code load URL [--rate N] [--duration D] [--concurrency N]}: bounded HTTP load. */
@Command(
    name = "load",
    description =
        "Send GET requests to URL at a fixed rate for a fixed time, printing progress each second"
            + " (counts by status and, for the demo app, by version).")
final class LoadCommand implements Callable<Integer> {
  private static final Duration MAX_DURATION = Duration.ofHours(1);

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "e.g. http://127.0.0.1:9000/")
  String url;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "50",
      description = "Requests per second, 1 to 5000 (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--duration",
      paramLabel = "D",
      defaultValue = "30s",
      description = "How long, e.g. 30s or 2m, at most 1h (default ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description = "Most requests in flight, 1 to 1024 (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() {
    URI target = target(url);
    if (rate < 1 || rate > 5000) {
      throw CliException.usage("--rate must be from 1 to 5000, not " + rate);
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw CliException.usage("--concurrency must be from 1 to 1024, not " + concurrency);
    }
    Duration d =
        GoDuration.parse(duration)
            .filter(x -> x.isPositive() && x.compareTo(MAX_DURATION) <= 0)
            .orElseThrow(() ->
                CliException.usage(
                    "--duration must be a duration from 1ms to 1h such as 30s, not '"
                        + duration
                        + "'"));
    Session session = Session.of(spec);
    session.out().println("Sending " + rate + " req/s to " + target + " for " + duration + " ...");
    session.out().flush();
    LoadGenerator.Totals totals =
        new LoadGenerator(target, rate, d, concurrency)
            .run(t -> {
              session.out().println(t.line());
              session.out().flush();
            });
    session.out().println("done: " + totals.line());
    return totals.ok() > 0 ? 0 : 1;
  }

  private static URI target(String text) {
    try {
      URI uri = URI.create(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw CliException.usage(
        "URL must be an http(s) URL such as http://127.0.0.1:9000/, not '" + text + "'");
  }
}
