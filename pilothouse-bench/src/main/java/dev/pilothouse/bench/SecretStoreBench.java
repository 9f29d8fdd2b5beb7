package dev.pilothouse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.resource.Actor;
import dev.pilothouse.core.resource.LabelSelector;
import dev.pilothouse.core.resource.Resource;
import dev.pilothouse.core.resource.ResourceKey;
import dev.pilothouse.core.resource.ResourceQuery;
import dev.pilothouse.store.Database;
import dev.pilothouse.store.EmbeddedDatabase;
import dev.pilothouse.store.EventRetention;
import dev.pilothouse.store.PostgresResourceStore;
import dev.pilothouse.store.encryption.EncryptionConfigParser;
import dev.pilothouse.store.encryption.StorageEncryption;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code dev/bench secrets [creates] [rounds]}: creates/s and list time of ConfigMaps and Secrets,
 * with and without Secret encryption, on one embedded PostgreSQL. The four cases alternate within
 * each round, so a shared machine's noise hits them alike; compare the ratios. JVM CPU time per
 * create (the store's own work, without PostgreSQL's) is the steadier figure on a busy machine.
 */
public final class SecretStoreBench {
  private static final int THREADS = 8;
  private static final String CONFIG =
      """
      apiVersion: apiserver.config.k8s.io/v1
      kind: EncryptionConfiguration
      resources:
      - resources: [secrets]
        providers:
        - aesgcm:
            keys:
            - name: key1
              secret: %s
      """
          .formatted(Base64.getEncoder().encodeToString(new byte[32]));

  private record Case(String name, String kind, boolean encrypted) {}

  private SecretStoreBench() {}

  public static void main(String[] args) throws Exception {
    int creates = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Case> cases =
        List.of(
            new Case("configmaps, no encryption", "ConfigMap", false),
            new Case("configmaps, secrets encrypted", "ConfigMap", true),
            new Case("secrets, no encryption", "Secret", false),
            new Case("secrets, encrypted (aesgcm)", "Secret", true));
    StorageEncryption encryption =
        StorageEncryption.of(
            EncryptionConfigParser.parse(CONFIG),
            r -> r.equals("secrets") ? Optional.of("/Secret") : Optional.empty());
    double[][] rates = new double[cases.size()][rounds];
    double[][] cpu = new double[cases.size()][rounds];
    try (EmbeddedDatabase pg =
            EmbeddedDatabase.start(Files.createTempDirectory("pilothouse-bench-secrets-"));
        Database db = Database.connect(pg.jdbcUrl())) {
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < cases.size(); i++) {
          int c = (i + round) % cases.size(); // rotate the order every round
          Case x = cases.get(c);
          try (PostgresResourceStore store =
              new PostgresResourceStore(
                  db,
                  Clock.systemUTC(),
                  EventRetention.DEFAULT,
                  x.encrypted() ? encryption : StorageEncryption.none())) {
            long cpuBefore = processCpuNanos();
            rates[c][round] = createsPerSecond(store, x.kind(), "r" + round + "c" + c, creates);
            cpu[c][round] = (processCpuNanos() - cpuBefore) / 1e3 / creates;
          }
        }
      }
    }
    System.out.printf(
        "%-32s %10s %6s %14s %6s%n",
        "case (" + creates + " creates)", "creates/s", "ratio", "JVM CPU us/op", "ratio");
    double base = median(rates[0]);
    double baseCpu = median(cpu[0]);
    for (int c = 0; c < cases.size(); c++) {
      double m = median(rates[c]);
      double u = median(cpu[c]);
      System.out.printf(
          "%-32s %10.0f %6.2f %14.1f %6.2f%n", cases.get(c).name(), m, m / base, u, u / baseCpu);
    }
  }

  private static double createsPerSecond(
      PostgresResourceStore store, String kind, String namespace, int creates) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(() -> {
            for (int i = thread; i < creates; i += THREADS) {
              String name = "o" + i;
              store.create(
                  new ResourceKey("", kind, namespace, name),
                  object(kind, namespace, name),
                  Actor.SYSTEM);
            }
          }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    int listed =
        store.list(new ResourceQuery("", kind, namespace, LabelSelector.ALL)).items().size();
    if (listed != creates) {
      throw new IllegalStateException("listed " + listed + " of " + creates);
    }
    return creates / seconds;
  }

  private static Resource object(String kind, String namespace, String name) {
    ObjectNode doc = Json.object().put("apiVersion", "v1").put("kind", kind);
    doc.putObject("metadata").put("name", name).put("namespace", namespace);
    doc.putObject("data").put("password", "aHVudGVyMg==").put("user", "YWRtaW4=");
    return Resource.of(doc);
  }

  /**
   * CPU time of this JVM (PostgreSQL runs in its own processes): what the encryption adds, less
   * disturbed by other load on the machine than wall-clock rates.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
