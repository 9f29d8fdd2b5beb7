package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import dev.pilothouse.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * flagd's own Java evaluator ({@code dev.openfeature.contrib.providers:flagd} 0.11.15, in-process
 * FILE resolver, called through the provider) as a differential oracle: generated flag sets and
 * contexts must give the same value, variant and reason from both. A failure prints the seed, the
 * flag and the context.
 *
 * <p>Intended differences (documented in docs/flags.md) are kept out of the generator and pinned by
 * their own tests below: {@code fractional} (0.11.15 buckets with flagd's legacy v1 formula,
 * current flagd and we with v2) and disabled flags (0.11.15 reports an error, current flagd and we
 * DISABLED without a value).
 */
class FlagdDifferentialTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] STRING_VARS = {"tier", "country", "email", "targetingKey"};
  private static final String[] TIERS = {"gold", "silver", "bronze", ""};
  private static final String[] COUNTRIES = {"de", "fr", "nl", "us", "DE"};
  private static final String[] EMAILS = {"a@example.com", "b@corp.example", "c@example.org"};
  // Full versions only: partial ones and a v prefix are an intended difference (see below).
  private static final String[] VERSIONS = {"1.2.3", "2.0.0", "1.10.0-rc.1", "0.9.0", "x.y"};
  private static final String[] SEMVER_OPS = {"=", "!=", "<", "<=", ">", ">=", "^", "~"};

  @TempDir Path dir;
  private final List<FlagdProvider> providers = new ArrayList<>();

  @AfterEach
  void shutDown() {
    providers.forEach(FlagdProvider::shutdown);
  }

  private FlagdProvider flagd(JsonNode document) throws Exception {
    Path file = Files.createTempFile(dir, "flags", ".json");
    Files.writeString(file, Json.write(document), StandardCharsets.UTF_8);
    FlagdProvider provider =
        new FlagdProvider(
            FlagdOptions.builder()
                .resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toAbsolutePath().toString())
                // flagd's own start deadline (500 ms) is too short on a loaded 2-core machine
                .deadline(30_000)
                .build());
    provider.initialize(new ImmutableContext());
    providers.add(provider);
    return provider;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void generatedFlagsAndContextsGiveTheSameValueVariantAndReasonAsFlagd(long seed)
      throws Exception {
    Random random = new Random(seed);
    Gen gen = new Gen(random);
    ObjectNode document = F.objectNode();
    ObjectNode flags = document.putObject("flags");
    Map<String, FlagType> types = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      String key = "flag-" + i;
      FlagType type = FlagType.values()[random.nextInt(4)];
      flags.set(key, gen.flag(type));
      types.put(key, type);
    }
    FlagSet ours = FlagSet.parse(document);
    FlagdProvider theirs = flagd(document);

    int compared = 0;
    for (int c = 0; c < 40; c++) {
      Map<String, Object> context = gen.context();
      for (var e : types.entrySet()) {
        Evaluation mine = ours.evaluate(e.getKey(), e.getValue(), context, NOW);
        Outcome flagdOutcome =
            Outcome.of(evaluate(theirs, e.getKey(), e.getValue(), context), e.getValue());
        Outcome ourOutcome = Outcome.of(mine, e.getValue());
        assertThat(ourOutcome)
            .as("seed %d, %s = %s, context %s", seed, e.getKey(), flags.get(e.getKey()), context)
            .isEqualTo(flagdOutcome);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(60 * 40);
  }

  @Test
  void fractionalDiffersOnlyByFlagdsLegacyV1BucketingInTheJavaProvider() throws Exception {
    JsonNode document =
        Json.parse(
            """
            {"flags": {"split": {"state": "ENABLED", "defaultVariant": "a",
              "variants": {"a": "a", "b": "b", "c": "c"},
              "targeting": {"fractional": [["a", 25], ["b", 25], ["c", 50]]}}}}
            """);
    FlagSet ours = FlagSet.parse(document);
    FlagdProvider theirs = flagd(document);
    int differing = 0;
    for (int i = 0; i < 300; i++) {
      String user = "user-" + i;
      Map<String, Object> context = Map.of("targetingKey", user);
      String mine = ours.evaluate("split", FlagType.STRING, context, NOW).variant();
      String flagds = evaluate(theirs, "split", FlagType.STRING, context).getVariant();
      byte[] key = ("split" + user).getBytes(StandardCharsets.UTF_8);
      int hash = MurmurHash3.hash32x86(key, 0, key.length, 0);
      assertThat(mine).as(user).isEqualTo(v2(hash));
      assertThat(flagds).as(user).isEqualTo(v1(hash));
      differing += mine.equals(flagds) ? 0 : 1;
    }
    assertThat(differing).as("the two formulas really disagree sometimes").isPositive();
  }

  /** Current flagd: {@code (uint32(hash) * totalWeight) >> 32} against cumulative weights. */
  private static String v2(int hash) {
    long bucket = (Integer.toUnsignedLong(hash) * 100) >>> 32;
    return bucket < 25 ? "a" : bucket < 50 ? "b" : "c";
  }

  /** Legacy flagd: {@code abs(int32(hash)) / MaxInt32 * 100} against cumulative percentages. */
  private static String v1(int hash) {
    float bucket = (float) Math.abs(hash) / Integer.MAX_VALUE * 100;
    return bucket < 25 ? "a" : bucket < 50 ? "b" : "c";
  }

  @Test
  void aDisabledFlagIsDisabledWithoutAValueHereAndAnErrorInTheJavaProvider() throws Exception {
    JsonNode document =
        Json.parse(
            """
            {"flags": {"off": {"state": "DISABLED", "defaultVariant": "on",
              "variants": {"on": true, "off": false}}}}
            """);
    Evaluation mine = FlagSet.parse(document).evaluate("off", FlagType.BOOLEAN, Map.of(), NOW);
    ProviderEvaluation<?> flagds = evaluate(flagd(document), "off", FlagType.BOOLEAN, Map.of());

    assertThat(mine.reason()).isEqualTo(Reason.DISABLED);
    assertThat(mine.usesCodeDefault()).isTrue();
    assertThat(flagds.getValue()).as("no value: the SDK serves the code default").isNull();
    assertThat(flagds.getReason()).as("0.11.15 gives no reason").isNotEqualTo("DISABLED");
  }

  @Test
  void semVerAcceptsAVPrefixAndPartialVersionsAsCurrentFlagdWhereTheJavaProviderDoesNot()
      throws Exception {
    JsonNode document =
        Json.parse(
            """
            {"flags": {"new": {"state": "ENABLED", "defaultVariant": "old",
              "variants": {"new": true, "old": false},
              "targeting": {"if": [{"sem_ver": [{"var": "version"}, ">=", "0.9"]}, "new", "old"]}}}}
            """);
    Map<String, Object> context = Map.of("version", "v2.0.0");
    String mine = FlagSet.parse(document).evaluate("new", FlagType.BOOLEAN, context, NOW).variant();
    String flagds = evaluate(flagd(document), "new", FlagType.BOOLEAN, context).getVariant();

    assertThat(mine)
        .as("flagd-testbed v3.9.0 semver cases: v prefix, partial target")
        .isEqualTo("new");
    assertThat(flagds).isEqualTo("old");
  }

  @Test
  void noDefaultVariantAndNoMatchIsTheCodeDefaultHereAndACrashInTheJavaProvider() throws Exception {
    JsonNode document =
        Json.parse(
            """
            {"flags": {"f": {"state": "ENABLED", "variants": {"a": 1, "b": 2},
              "targeting": {"if": [{"==": [{"var": "x"}, 1]}, "a", null]}}}}
            """);
    Evaluation mine = FlagSet.parse(document).evaluate("f", FlagType.INTEGER, Map.of(), NOW);

    assertThat(mine.reason()).isEqualTo(Reason.DEFAULT);
    assertThat(mine.usesCodeDefault()).isTrue();
    FlagdProvider theirs = flagd(document);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> theirs.getIntegerEvaluation("f", -1, new ImmutableContext()))
        .isInstanceOf(NullPointerException.class);
  }

  // ---- the oracle's side

  private static ProviderEvaluation<?> evaluate(
      FlagdProvider p, String key, FlagType type, Map<String, Object> context) {
    ImmutableContext ctx = toContext(context);
    try {
      return switch (type) {
        case BOOLEAN -> p.getBooleanEvaluation(key, false, ctx);
        case STRING -> p.getStringEvaluation(key, "CODE", ctx);
        case INTEGER -> p.getIntegerEvaluation(key, -1, ctx);
        case FLOAT -> p.getDoubleEvaluation(key, -1.5, ctx);
        case OBJECT -> throw new IllegalArgumentException("not generated");
      };
    } catch (dev.openfeature.sdk.exceptions.OpenFeatureError e) {
      // The provider signals errors by throwing; the SDK would turn this into reason ERROR.
      return ProviderEvaluation.builder()
          .reason("ERROR")
          .errorCode(e.getErrorCode())
          .value(codeDefault(type))
          .build();
    }
  }

  private static Object codeDefault(FlagType type) {
    return switch (type) {
      case BOOLEAN -> false;
      case STRING -> "CODE";
      case INTEGER -> -1;
      case FLOAT -> -1.5;
      case OBJECT -> null;
    };
  }

  private static ImmutableContext toContext(Map<String, Object> context) {
    Map<String, Value> attributes = new HashMap<>();
    context.forEach((k, v) -> {
      if (!k.equals("targetingKey")) {
        attributes.put(k, value(v));
      }
    });
    Object key = context.get("targetingKey");
    return key instanceof String s
        ? new ImmutableContext(s, attributes)
        : new ImmutableContext(attributes);
  }

  @SuppressWarnings("unchecked")
  private static Value value(Object v) {
    return switch (v) {
      case String s -> new Value(s);
      case Integer i -> new Value(i);
      case Double d -> new Value(d);
      case Boolean b -> new Value(b);
      case Map<?, ?> m -> {
        Map<String, Value> fields = new HashMap<>();
        ((Map<String, Object>) m).forEach((k, x) -> fields.put(k, value(x)));
        yield new Value(new ImmutableStructure(fields));
      }
      default -> throw new IllegalArgumentException("not generated: " + v);
    };
  }

  /**
   * What a caller sees: the value (the code default when none), the variant, the reason, and
   * whether it is an error (error codes are compared as error-or-not: the provider throws
   * exceptions whose codes the SDK maps, not the evaluator's).
   */
  record Outcome(Object value, String variant, String reason) {
    static Outcome of(ProviderEvaluation<?> e, FlagType type) {
      Object value = e.getValue() == null ? codeDefault(type) : e.getValue();
      return new Outcome(normal(value), e.getVariant(), e.getReason());
    }

    static Outcome of(Evaluation e, FlagType type) {
      Object value = e.usesCodeDefault() ? codeDefault(type) : e.value();
      if (type == FlagType.INTEGER && !e.usesCodeDefault() && !(value instanceof Integer)) {
        value = ((Number) value).intValue();
      }
      return new Outcome(normal(value), e.variant(), e.reason().name());
    }

    private static Object normal(Object v) {
      return v instanceof Number n && !(v instanceof Integer) ? n.doubleValue() : v;
    }
  }

  // ---- the generator

  private static final class Gen {
    private final Random random;

    Gen(Random random) {
      this.random = random;
    }

    ObjectNode flag(FlagType type) {
      ObjectNode flag = F.objectNode();
      flag.put("state", "ENABLED");
      ObjectNode variants = flag.putObject("variants");
      List<String> names = new ArrayList<>();
      int count = 2 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        String name = type == FlagType.BOOLEAN && i < 2 ? (i == 0 ? "on" : "off") : "v" + i;
        if (type == FlagType.BOOLEAN && i >= 2) {
          break;
        }
        names.add(name);
        switch (type) {
          case BOOLEAN -> variants.put(name, i == 0);
          case STRING -> variants.put(name, "value-" + i);
          case INTEGER -> variants.put(name, i * 10 - 5);
          default -> variants.put(name, i * 0.5 + 0.25);
        }
      }
      // Always a default variant: without one, 0.11.15 fails with a NullPointerException when
      // targeting returns null (an intended difference, pinned below).
      flag.put("defaultVariant", pick(names));
      if (random.nextInt(5) > 0) {
        // A rule must be an object at the top (both refuse a bare string); inside, anything goes.
        ObjectNode rule = F.objectNode();
        rule.putArray("if").add(condition(2)).add(result(names, 2)).add(result(names, 2));
        flag.set("targeting", rule);
      }
      return flag;
    }

    private JsonNode result(List<String> names, int depth) {
      int r = random.nextInt(depth > 0 ? 10 : 4);
      if (r < 3) {
        return F.textNode(pick(names));
      }
      if (r == 3) {
        return F.nullNode();
      }
      ObjectNode node = F.objectNode();
      ArrayNode args = node.putArray("if");
      args.add(condition(depth - 1));
      args.add(result(names, depth - 1));
      args.add(result(names, depth - 1));
      return node;
    }

    private JsonNode condition(int depth) {
      int r = random.nextInt(depth > 0 ? 12 : 9);
      return switch (r) {
        case 0 -> op("==", var(pick(STRING_VARS)), F.textNode(stringFor()));
        case 1 -> op("!=", var("tier"), F.textNode(pick(TIERS)));
        case 2 ->
            op(
                pick(new String[] {"<", "<=", ">", ">="}),
                var("age"),
                F.numberNode(random.nextInt(60)));
        case 3 -> {
          ArrayNode list = F.arrayNode();
          for (int i = 0; i < 3; i++) {
            list.add(pick(COUNTRIES));
          }
          yield op("in", var("country"), list);
        }
        case 4 -> op("in", F.textNode("example"), var("email"));
        case 5 ->
            op(
                "starts_with",
                var(pick(STRING_VARS)),
                F.textNode(pick(new String[] {"a", "user-", "go", ""})));
        case 6 ->
            op(
                "ends_with",
                var("email"),
                F.textNode(pick(new String[] {"@example.com", ".org", "com"})));
        case 7 -> {
          ObjectNode node = F.objectNode();
          ArrayNode args = node.putArray("sem_ver");
          args.add(var("version"));
          args.add(pick(SEMVER_OPS));
          args.add(pick(VERSIONS));
          yield node;
        }
        case 8 -> op("==", var("user.plan"), F.textNode(pick(new String[] {"pro", "free"})));
        case 9 -> op("and", condition(depth - 1), condition(depth - 1));
        case 10 -> op("or", condition(depth - 1), condition(depth - 1));
        default -> {
          ObjectNode node = F.objectNode();
          node.putArray("!").add(condition(depth - 1));
          yield node;
        }
      };
    }

    private String stringFor() {
      return switch (random.nextInt(4)) {
        case 0 -> pick(TIERS);
        case 1 -> pick(COUNTRIES);
        case 2 -> pick(EMAILS);
        default -> "user-" + random.nextInt(5);
      };
    }

    Map<String, Object> context() {
      Map<String, Object> c = new HashMap<>();
      maybe(c, "targetingKey", "user-" + random.nextInt(5));
      maybe(c, "tier", pick(TIERS));
      maybe(c, "country", pick(COUNTRIES));
      maybe(c, "email", pick(EMAILS));
      maybe(c, "version", pick(VERSIONS));
      if (random.nextInt(4) > 0) {
        c.put("age", random.nextInt(3) == 0 ? random.nextInt(80) + 0.5 : random.nextInt(80));
      }
      if (random.nextInt(3) == 0) {
        c.put("user", Map.of("plan", random.nextBoolean() ? "pro" : "free"));
      }
      return c;
    }

    private void maybe(Map<String, Object> c, String key, Object value) {
      if (random.nextInt(5) > 0) {
        c.put(key, value);
      }
    }

    private static ObjectNode var(String name) {
      ObjectNode node = F.objectNode();
      node.put("var", name);
      return node;
    }

    private static ObjectNode op(String name, JsonNode a, JsonNode b) {
      ObjectNode node = F.objectNode();
      node.putArray(name).add(a).add(b);
      return node;
    }

    private <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
      return values.get(random.nextInt(values.size()));
    }
  }
}
