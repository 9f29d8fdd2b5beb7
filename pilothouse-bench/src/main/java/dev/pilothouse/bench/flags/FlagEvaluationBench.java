package dev.pilothouse.bench.flags;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import dev.pilothouse.core.flags.Evaluation;
import dev.pilothouse.core.flags.FlagSet;
import dev.pilothouse.core.flags.FlagType;
import dev.pilothouse.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One flag evaluation, ours ({@link FlagSet}) against flagd's official Java in-process evaluator
 * ({@code dev.openfeature.contrib.providers:flagd} 0.11.15, FILE resolver, called through the
 * provider), on the same three flags and contexts: static, JsonLogic targeting, fractional. Each
 * side is handed the context in the form its API takes, built once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FlagEvaluationBench {
  /** The three flags, in flagd's file format (shared by both sides). */
  public static final String FLAGS =
      """
      {"flags": {
        "static-flag": {"state": "ENABLED", "variants": {"on": true, "off": false},
          "defaultVariant": "on"},
        "targeted-flag": {"state": "ENABLED", "variants": {"on": true, "off": false},
          "defaultVariant": "off",
          "targeting": {"if": [{"and": [
            {"==": [{"var": "tier"}, "gold"]},
            {"in": [{"var": "country"}, ["de", "fr", "nl"]]},
            {">=": [{"var": "age"}, 18]}]}, "on", "off"]}},
        "fractional-flag": {"state": "ENABLED",
          "variants": {"red": "red", "blue": "blue", "green": "green"}, "defaultVariant": "red",
          "targeting": {"fractional": [["red", 25], ["blue", 25], ["green", 50]]}}
      }}
      """;

  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  /** Our side: the compiled flag set and the context as a map. */
  @State(Scope.Benchmark)
  public static class Ours {
    FlagSet flags;
    Map<String, Object> context;

    @Setup(Level.Trial)
    public void setUp() {
      flags = FlagSet.parse(Json.parse(FLAGS));
      context = Map.of("targetingKey", "user-123", "tier", "gold", "country", "fr", "age", 42);
    }
  }

  /**
   * flagd's side: the provider over a file holding the same flags, and the context as an
   * OpenFeature context. Its own state, so a slow provider start (its deadline is raised for loaded
   * machines) never touches our benchmarks.
   */
  @State(Scope.Benchmark)
  public static class Flagd {
    FlagdProvider provider;
    EvaluationContext context;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      file = Files.createTempFile("flagd-bench", ".json");
      Files.writeString(file, FLAGS);
      provider =
          new FlagdProvider(
              FlagdOptions.builder()
                  .resolverType(Config.Resolver.FILE)
                  .offlineFlagSourcePath(file.toAbsolutePath().toString())
                  .deadline(30_000)
                  .build());
      provider.initialize(new ImmutableContext());
      context =
          new ImmutableContext(
              "user-123",
              Map.of("tier", new Value("gold"), "country", new Value("fr"), "age", new Value(42)));
      Ours ours = new Ours();
      ours.setUp();
      check(ours, this);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      provider.shutdown();
      Files.deleteIfExists(file);
    }
  }

  /**
   * Both sides must compute what the comparison claims. Static and targeting must agree exactly;
   * for fractional both must bucket (TARGETING_MATCH): flagd's Java provider 0.11.15 still uses
   * flagd's legacy v1 bucketing, current flagd (and ours) v2, so the chosen colour may differ.
   */
  private static void check(Ours ours, Flagd flagd) {
    FlagEvaluationBench b = new FlagEvaluationBench();
    require("static", b.staticOurs(ours).variant(), b.staticFlagd(flagd).getVariant());
    require("targeting", b.targetingOurs(ours).variant(), b.targetingFlagd(flagd).getVariant());
    if (!"TARGETING_MATCH".equals(b.fractionalOurs(ours).reason().name())
        || !"TARGETING_MATCH".equals(b.fractionalFlagd(flagd).getReason())) {
      throw new IllegalStateException("fractional did not bucket on one side");
    }
  }

  private static void require(String flag, String ours, String flagd) {
    if (ours == null || !ours.equals(flagd)) {
      throw new IllegalStateException(flag + ": flagd gives " + flagd + ", ours " + ours);
    }
  }

  @Benchmark
  public Evaluation staticOurs(Ours s) {
    return s.flags.evaluate("static-flag", FlagType.BOOLEAN, s.context, NOW);
  }

  @Benchmark
  public ProviderEvaluation<Boolean> staticFlagd(Flagd s) {
    return s.provider.getBooleanEvaluation("static-flag", false, s.context);
  }

  @Benchmark
  public Evaluation targetingOurs(Ours s) {
    return s.flags.evaluate("targeted-flag", FlagType.BOOLEAN, s.context, NOW);
  }

  @Benchmark
  public ProviderEvaluation<Boolean> targetingFlagd(Flagd s) {
    return s.provider.getBooleanEvaluation("targeted-flag", false, s.context);
  }

  @Benchmark
  public Evaluation fractionalOurs(Ours s) {
    return s.flags.evaluate("fractional-flag", FlagType.STRING, s.context, NOW);
  }

  @Benchmark
  public ProviderEvaluation<String> fractionalFlagd(Flagd s) {
    return s.provider.getStringEvaluation("fractional-flag", "red", s.context);
  }
}
