package dev.pilothouse.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.core.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  @Test
  void everyEngineFieldSurvivesAWriteAndRead() {
    SimulatedWorld world = new SimulatedWorld(AnalysisGatesTest.SEED_ANALYSED);
    world.settle();
    world.setImage("web:v2");
    world.settle();
    world.advance(Duration.ofMinutes(5));
    RolloutStatus status = world.status;

    var json = StatusJson.write(status, null, 3, new StatusJson.ReplicaCounts(4, 2, 4));
    RolloutStatus read = StatusJson.read(Json.parse(Json.write(json)));

    assertThat(read).isEqualTo(status);
    assertThat(json.path("canary").path("weights").path("canary").path("weight").asInt())
        .isEqualTo(50);
    assertThat(json.path("pauseConditions").get(0).path("reason").asText())
        .isEqualTo("CanaryPauseStep");
  }

  @Test
  void missingStatusReadsAsInitial() {
    assertThat(StatusJson.read(Json.parse("null"))).isEqualTo(RolloutStatus.initial());
  }
}
