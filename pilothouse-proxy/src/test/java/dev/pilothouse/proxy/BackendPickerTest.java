package dev.pilothouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackendPickerTest {

  private static final Backend STABLE = new Backend("127.0.0.1", 8001, "stable", 80);
  private static final Backend CANARY = new Backend("127.0.0.1", 8002, "canary", 20);

  @Test
  void smoothRoundRobinSplitsExactlyByWeightOverWholeCycles() {
    Route route = route(List.of(STABLE, CANARY), b -> 0);

    Map<String, Long> split = picks(route, 2_000);

    assertThat(split).containsEntry("stable", 1_600L).containsEntry("canary", 400L);
  }

  @Test
  void smoothRoundRobinInterleavesInsteadOfSendingBursts() {
    Route route = route(List.of(STABLE, CANARY), b -> 0);

    List<String> firstCycle =
        IntStream.range(0, 5).mapToObj(i -> route.pick().orElseThrow().version()).toList();

    assertThat(firstCycle).containsExactly("stable", "stable", "canary", "stable", "stable");
  }

  @Test
  void backendsWithWeightZeroNeverGetTraffic() {
    Route route = route(List.of(STABLE, new Backend("127.0.0.1", 8002, "canary", 0)), b -> 0);

    assertThat(picks(route, 100)).containsOnlyKeys("stable");
  }

  @Test
  void aRouteWithOnlyZeroWeightsPicksNothing() {
    Route route = route(List.of(new Backend("127.0.0.1", 8002, "canary", 0)), b -> 0);

    assertThat(route.pick()).isEmpty();
  }

  @Test
  void largeWeightTotalsUseSeededWeightedRandomWithinAFewPercent() {
    SplittableRandom random = new SplittableRandom(42);
    Backend big = new Backend("127.0.0.1", 8001, "stable", 800_001);
    Backend small = new Backend("127.0.0.1", 8002, "canary", 200_000);
    Route route = route(List.of(big, small), random::nextInt);

    Map<String, Long> split = picks(route, 10_000);

    assertThat(split.get("canary") / 10_000.0).isBetween(0.18, 0.22);
  }

  private static Route route(List<Backend> backends, java.util.function.IntUnaryOperator random) {
    return RouteTable.builder(random)
        .listener(new Listener("web", 0), backends)
        .build()
        .route("web")
        .orElseThrow();
  }

  private static Map<String, Long> picks(Route route, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> route.pick().orElseThrow().version())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
