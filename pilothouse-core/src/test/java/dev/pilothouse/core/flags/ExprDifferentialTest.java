package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParser;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled targeting tree ({@link Expr}) against json-logic-java's evaluator on the same parsed
 * rule (the path every evaluation took before compilation): generated rules over every operator a
 * rule may use, at every argument count from 0 to 4, and generated contexts whose values take every
 * JSON type (strings that are and are not numbers, integers and doubles, booleans, null, missing
 * keys, lists, nested maps) must give the same result, or both fail with the same exception type.
 * Every kind of compiled node must be exercised. A failure prints the seed, rule and context.
 */
class ExprDifferentialTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final String[] OPERATORS =
      Operators.NAMES.stream().filter(n -> !n.equals("var")).sorted().toArray(String[]::new);
  private static final String[] PATHS = {
    "tier",
    "age",
    "score",
    "country",
    "flag",
    "list",
    "list.0",
    "list.1",
    "list.x",
    "user",
    "user.plan",
    "user.tags.0",
    "missing",
    "missing.deep",
    "$flagd.flagKey",
    "$flagd.timestamp",
    "targetingKey",
    "version",
    "nothing",
    ".",
    "list.-1"
  };
  private static final String[] STRINGS = {
    "",
    " ",
    "0",
    "1",
    "18",
    " 42 ",
    "1e3",
    "abc",
    "gold",
    "de",
    "true",
    "NaN",
    "Infinity",
    "1.2.3",
    "v2.0",
    "2.0.0-rc.1",
    "user-1",
    "@example.com",
    "a@example.com",
    "0x10"
  };
  private static final String[] SEMVER_OPS = {"=", "!=", "<", "<=", ">", ">=", "^", "~", "=~"};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void compiledRulesGiveTheInterpretersResultForGeneratedRulesAndContexts(long seed)
      throws Exception {
    Random random = new Random(seed);
    Gen gen = new Gen(random);
    Set<Class<?>> nodes = new HashSet<>();
    int evaluations = 0;
    int failures = 0;
    int matches = 0;
    for (int r = 0; r < 1_500; r++) {
      JsonNode json = gen.rule();
      Targeting targeting = Targeting.of(JsonLogicParser.parse(json.toString()));
      collect(targeting.compiled(), nodes);
      for (int c = 0; c < 20; c++) {
        Map<String, Object> context = gen.context();
        String compiled = outcome(() -> targeting.evaluate("flag-x", context, NOW));
        String interpreted = outcome(() -> targeting.interpret("flag-x", context, NOW));
        assertThat(compiled)
            .as("seed %d, rule %s, context %s", seed, json, context)
            .isEqualTo(interpreted);
        evaluations++;
        failures += compiled.startsWith("threw ") ? 1 : 0;
        matches += compiled.endsWith(" : true") || compiled.endsWith(" : on") ? 1 : 0;
      }
    }
    Set<String> expected = names(Set.of(Expr.class.getPermittedSubclasses()));
    assertThat(names(nodes)).as("every compiled node kind is exercised").isEqualTo(expected);
    assertThat(failures).as("rules that fail at run time are compared too").isPositive();
    assertThat(matches).as("and rules that match").isGreaterThan(evaluations / 50);
  }

  private interface Run {
    Object run() throws Exception;
  }

  /** The result in a comparable form (lists and maps by content), or the exception type. */
  private static String outcome(Run run) {
    try {
      Object value = run.run();
      return normal(value) + " : " + Targeting.variantName(value);
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static Object normal(Object value) {
    if (value instanceof Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(i -> list.add(normal(i)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      new java.util.TreeMap<>(map).forEach((k, v) -> copy.put(k, normal(v)));
      return copy;
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  private static void collect(Object node, Set<Class<?>> seen) throws Exception {
    if (node instanceof Expr[] array) {
      for (Expr e : array) {
        collect(e, seen);
      }
    } else if (node instanceof Expr expr) {
      seen.add(expr.getClass());
      for (RecordComponent rc : expr.getClass().getRecordComponents()) {
        collect(rc.getAccessor().invoke(expr), seen);
      }
    }
  }

  private static Set<String> names(Set<Class<?>> classes) {
    return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Rules and contexts. */
  private static final class Gen {
    private final Random random;

    Gen(Random random) {
      this.random = random;
    }

    JsonNode rule() {
      return switch (random.nextInt(6)) {
        case 0 -> typical();
        default -> expr(3);
      };
    }

    /** The shape real flags have: if / and of comparisons, returning variant names. */
    private JsonNode typical() {
      ArrayNode and = F.arrayNode();
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        and.add(op(pick(new String[] {"==", "in", ">=", "starts_with", "sem_ver"}), 2));
      }
      ObjectNode cond = F.objectNode();
      cond.set(random.nextBoolean() ? "and" : "or", and);
      ObjectNode rule = F.objectNode();
      rule.putArray("if").add(cond).add("on").add(random.nextBoolean() ? "off" : null);
      return rule;
    }

    private JsonNode expr(int depth) {
      int r = random.nextInt(depth <= 0 ? 4 : 10);
      return switch (r) {
        case 0, 1 -> literal(1);
        case 2, 3 -> var();
        default -> op(pick(OPERATORS), depth - 1);
      };
    }

    private JsonNode op(String name, int depth) {
      return switch (name) {
        case "fractional" -> fractional(depth);
        case "sem_ver" -> semVer(depth);
        case "map", "filter", "all", "some", "none" -> arrayOp(name, depth);
        case "reduce" -> reduce();
        default -> call(name, arity(name), depth);
      };
    }

    private int arity(String name) {
      int usual =
          switch (name) {
            case "!", "!!" -> 1;
            case "<", "<=", ">", ">=" -> random.nextInt(4) == 0 ? 3 : 2;
            case "if", "?:" -> 3;
            default -> 2;
          };
      return random.nextInt(4) == 0 ? random.nextInt(5) : usual;
    }

    private ObjectNode call(String name, int arity, int depth) {
      ObjectNode node = F.objectNode();
      ArrayNode args = node.putArray(name);
      for (int i = 0; i < arity; i++) {
        args.add(depth <= 0 ? leaf() : expr(depth));
      }
      if (arity == 1 && random.nextBoolean()) {
        node.set(name, args.get(0)); // {"!": x} as well as {"!": [x]}
      }
      return node;
    }

    private JsonNode leaf() {
      return random.nextBoolean() ? literal(1) : var();
    }

    private JsonNode fractional(int depth) {
      ObjectNode node = F.objectNode();
      ArrayNode args = node.putArray("fractional");
      switch (random.nextInt(5)) {
        case 0 -> args.add(var());
        case 1 -> args.add(pick(STRINGS));
        case 2 -> args.addNull();
        case 3 -> args.add(random.nextInt(3));
        default -> {}
      }
      for (int i = 0; i < random.nextInt(4); i++) {
        ArrayNode bucket = args.addArray().add(pick(new String[] {"red", "blue", "green"}));
        switch (random.nextInt(6)) {
          case 0 -> {}
          case 1 -> bucket.add(-5);
          case 2 -> bucket.add(depth <= 0 ? var() : expr(depth));
          case 3 -> bucket.add("x");
          default -> bucket.add(random.nextInt(100));
        }
      }
      return node;
    }

    private JsonNode semVer(int depth) {
      if (random.nextInt(5) == 0) {
        return call("sem_ver", random.nextInt(5), depth);
      }
      ObjectNode node = F.objectNode();
      node.putArray("sem_ver")
          .add(random.nextBoolean() ? var() : literal(0))
          .add(random.nextInt(6) == 0 ? var() : F.textNode(pick(SEMVER_OPS)))
          .add(random.nextInt(4) == 0 ? var() : literal(0));
      return node;
    }

    private JsonNode arrayOp(String name, int depth) {
      ObjectNode node = F.objectNode();
      ObjectNode body = F.objectNode();
      body.putArray(pick(new String[] {">", "==", "+"})).add(varNamed("")).add(1);
      node.putArray(name).add(random.nextBoolean() ? varNamed("list") : literal(1)).add(body);
      return node;
    }

    private JsonNode reduce() {
      ObjectNode node = F.objectNode();
      ObjectNode body = F.objectNode();
      body.putArray("+").add(varNamed("current")).add(varNamed("accumulator"));
      node.putArray("reduce").add(varNamed("list")).add(body).add(0);
      return node;
    }

    private JsonNode var() {
      return switch (random.nextInt(12)) {
        case 0 -> {
          ObjectNode node = F.objectNode();
          node.putArray("var").add(pick(PATHS)).add(literal(0));
          yield node;
        }
        case 1 -> {
          ObjectNode node = F.objectNode();
          node.putArray("var").add(pick(PATHS)).add(varNamed("tier"));
          yield node;
        }
        case 2 -> {
          ObjectNode node = F.objectNode();
          node.set("var", random.nextBoolean() ? F.numberNode(0) : F.nullNode());
          yield node;
        }
        case 3 -> varNamed("");
        default -> varNamed(pick(PATHS));
      };
    }

    private static ObjectNode varNamed(String path) {
      ObjectNode node = F.objectNode();
      node.put("var", path);
      return node;
    }

    private JsonNode literal(int depth) {
      return switch (random.nextInt(depth > 0 ? 9 : 8)) {
        case 0 -> F.nullNode();
        case 1 -> F.booleanNode(random.nextBoolean());
        case 2 -> F.numberNode(pick(new int[] {-1, 0, 1, 2, 18, 42}));
        case 3 -> F.numberNode(pick(new double[] {0.5, 1.0, -2.5, 1e3, 17.999}));
        case 4, 5, 6 -> F.textNode(pick(STRINGS));
        case 7 -> F.textNode(pick(new String[] {"de", "gold", "1.2.3"}));
        default -> {
          ArrayNode array = F.arrayNode();
          for (int i = 0; i < random.nextInt(4); i++) {
            array.add(literal(depth - 1));
          }
          yield array;
        }
      };
    }

    Map<String, Object> context() {
      Map<String, Object> c = new HashMap<>();
      for (String key : new String[] {"tier", "age", "score", "country", "flag", "version"}) {
        if (random.nextInt(4) > 0) {
          c.put(key, value(2));
        }
      }
      if (random.nextInt(3) > 0) {
        c.put("targetingKey", "user-" + random.nextInt(5));
      }
      if (random.nextInt(3) > 0) {
        c.put("list", list(2));
      }
      if (random.nextInt(3) > 0) {
        Map<String, Object> user = new HashMap<>();
        user.put("plan", value(0));
        user.put("tags", list(1));
        c.put("user", user);
      }
      return c;
    }

    private Object value(int depth) {
      return switch (random.nextInt(depth > 0 ? 10 : 8)) {
        case 0 -> null;
        case 1 -> random.nextBoolean();
        case 2 -> random.nextInt(50) - 5;
        case 3 -> random.nextInt(50) + 0.5;
        case 4 -> (long) random.nextInt(3);
        case 5, 6 -> pick(STRINGS);
        case 7 -> pick(new String[] {"gold", "de", "1.2.3", "2.0.0"});
        case 8 -> list(depth - 1);
        default -> Map.of("plan", pick(STRINGS));
      };
    }

    private List<Object> list(int depth) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < random.nextInt(4); i++) {
        list.add(value(depth));
      }
      return list;
    }

    private String pick(String[] values) {
      return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
      return values[random.nextInt(values.length)];
    }

    private double pick(double[] values) {
      return values[random.nextInt(values.length)];
    }
  }
}
