package dev.pilothouse.core.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SloBudgetsTest {
  private static List<SloResources.Stored> stored() throws Exception {
    return SloDocuments.read(SloParsersTest.resource("sloth-myservice.yaml"), "t").stream()
        .map(s -> new SloResources.Stored("ns", "PrometheusServiceLevel", "r", s))
        .toList();
  }

  @Test
  void theWindowsAreTheSevenAlertWindowsThenEachDistinctPeriodOnce() throws Exception {
    assertThat(SloBudgets.windows(stored()))
        .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d", "28d");
  }

  @Test
  void burnRatesAndRemainingBudgetFollowFromTheRatiosAndNanMeansNoData() throws Exception {
    List<SloResources.Stored> slos = stored();
    String first = slos.get(0).slo().id();
    String second = slos.get(1).slo().id();
    double budget = slos.get(0).slo().errorBudget().doubleValue();

    List<SloBudget> budgets =
        SloBudgets.compute(
            slos,
            Map.of(
                "5m", Map.of(first, budget * 2, second, Double.NaN),
                "30d", Map.of(first, budget / 4)),
            Map.of(first, Set.of("ticket")));

    SloBudget a = budgets.get(0);
    assertThat(a.burnRates().get("5m")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.remainingBudget()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.state()).isEqualTo(SloBudget.State.Burning);
    SloBudget b = budgets.get(1);
    assertThat(b.errorRatios()).isEmpty();
    assertThat(b.remainingBudget()).isNull();
    assertThat(b.state()).isEqualTo(SloBudget.State.NoData);
  }

  @Test
  void theGateFailsWhenTheBudgetIsBelowTheThresholdOrAPageFires() throws Exception {
    SloResources.Stored s = stored().get(0);
    SloBudget half = new SloBudget(s, Map.of(), Map.of(), 0.5, List.of(), SloBudget.State.Ok);
    SloBudget paging =
        new SloBudget(s, Map.of(), Map.of(), 0.9, List.of("page"), SloBudget.State.Burning);

    assertThat(SloGate.judge(List.of(half), 0.4)).containsEntry("healthy", true);
    assertThat(SloGate.judge(List.of(half), 0.5)).containsEntry("healthy", false);
    assertThat(SloGate.judge(List.of(paging), 0.0))
        .containsEntry("healthy", false)
        .containsEntry("pageAlertFiring", true);
  }
}
