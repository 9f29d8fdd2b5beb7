package dev.pilothouse.cli;

import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.slo.RuleFiles;
import dev.pilothouse.core.slo.RuleGroup;
import dev.pilothouse.core.slo.Slo;
import dev.pilothouse.core.slo.SloDocuments;
import dev.pilothouse.core.slo.SloRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo generate|get|status}: SLO specs to Prometheus rules, and live error budgets. */
@Command(name = "slo", description = "Generate SLO rules and show live error budgets.")
final class SloCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Output formats of {@code generate}. */
  enum RuleOutput {
    prometheus,
    prometheusrule
  }

  @Override
  public void run() {
    throw Commands.missingSubcommand(spec);
  }

  @Command(
      name = "generate",
      description =
          "Turn an SLO spec (Sloth prometheus/v1, Sloth's PrometheusServiceLevel, OpenSLO v1) into"
              + " Prometheus recording and multiwindow burn-rate alert rules. Runs locally.")
  int generate(
      @Option(
              names = {"-f", "--filename"},
              required = true,
              paramLabel = "FILE",
              description = "Spec file, or - for stdin.")
          String file,
      @Option(
              names = {"-o", "--output"},
              defaultValue = "prometheus",
              paramLabel = "FORMAT",
              description = "prometheus (a rule file) or prometheusrule (the CRD).")
          RuleOutput output,
      @Option(names = "--name", paramLabel = "NAME", description = "PrometheusRule name.")
          String name,
      @Option(
              names = {"-n", "--namespace"},
              paramLabel = "NS",
              description = "PrometheusRule namespace.")
          String namespace) {
    Session session = Session.of(spec);
    List<Slo> slos;
    try {
      slos = SloDocuments.read(read(file), file);
    } catch (ValidationException e) {
      throw CliException.usage(file + ": " + e.getMessage());
    }
    List<RuleGroup> groups = SloRules.generate(slos);
    String text =
        switch (output) {
          case prometheus -> RuleFiles.ruleFileYaml(groups);
          case prometheusrule ->
              RuleFiles.yaml(
                  RuleFiles.prometheusRule(
                      name != null ? name : slos.get(0).service() + "-slos",
                      namespace != null ? namespace : "",
                      Map.of(),
                      groups));
        };
    session.out().print(text);
    session.out().flush();
    return 0;
  }

  @Command(name = "get", description = "List the SLOs stored on the server.")
  int get(
      @Option(
              names = {"-n", "--namespace"},
              paramLabel = "NS",
              description = "Only this namespace (default: all).")
          String namespace) {
    Session session = Session.of(spec);
    Commands.printItems(
        session.out(),
        session.client().get("/api/v1/slos" + query(namespace, null)),
        "NAMESPACE",
        "namespace",
        "SERVICE",
        "service",
        "SLO",
        "slo",
        "OBJECTIVE",
        "objective",
        "PERIOD",
        "period",
        "SOURCE",
        "source");
    return 0;
  }

  @Command(
      name = "status",
      description =
          "Live error budgets from Prometheus: SLI, burn rates per window, remaining budget and"
              + " firing alerts. --watch refreshes until interrupted.")
  int status(
      @Option(
              names = {"-n", "--namespace"},
              paramLabel = "NS",
              description = "Only this namespace (default: all).")
          String namespace,
      @Option(names = "--service", paramLabel = "NAME") String service,
      @Option(names = {"-w", "--watch"}) boolean watch,
      @Option(
              names = "--interval",
              defaultValue = "10",
              paramLabel = "SECONDS",
              description = "Refresh interval of --watch (default: ${DEFAULT-VALUE}).")
          int interval)
      throws InterruptedException {
    Session session = Session.of(spec);
    String path = "/api/v1/slo/status" + query(namespace, service);
    while (true) {
      SloStatusView.print(session.out(), session.client().get(path));
      if (!watch) {
        return 0;
      }
      session.out().println("---- " + LocalTime.now(session.clock()).withNano(0));
      session.out().flush();
      Thread.sleep(Math.max(1, interval) * 1000L);
    }
  }

  private static String query(String namespace, String service) {
    StringBuilder q = new StringBuilder();
    if (namespace != null) {
      q.append("?namespace=").append(Commands.segment(namespace));
    }
    if (service != null) {
      q.append(q.isEmpty() ? '?' : '&').append("service=").append(Commands.segment(service));
    }
    return q.toString();
  }

  private String read(String file) {
    try {
      if (file.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw CliException.usage(file + ": no such file");
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(file + ": cannot read: " + e.getMessage(), CliException.FAILURE, e);
    }
  }
}
