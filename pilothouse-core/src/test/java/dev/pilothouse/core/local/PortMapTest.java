package dev.pilothouse.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pilothouse.core.json.Yaml;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PortMapTest {
  private static PortMap allocate(String container) {
    AtomicInteger next = new AtomicInteger(40000);
    JsonNode c = Yaml.readAll(container, "test").getFirst();
    return PortMap.allocate(c, next::getAndIncrement);
  }

  private static final String TWO_PORTS =
      "ports: [{name: http, containerPort: 8080}, {name: admin-api, containerPort: 9090}]";

  @Test
  void eachDeclaredPortGetsItsOwnLocalPortAndTheFirstIsTheMainOne() {
    PortMap ports = allocate(TWO_PORTS);

    assertThat(ports.main()).isEqualTo(40000);
    assertThat(ports.env())
        .containsEntry("PORT", "40000")
        .containsEntry("PORT_8080", "40000")
        .containsEntry("PORT_HTTP", "40000")
        .containsEntry("PORT_9090", "40001")
        .containsEntry("PORT_ADMIN_API", "40001")
        .hasSize(5);
  }

  @Test
  void referencesByNameOrContainerPortMapToTheirPortAndAnythingElseToTheMainPort() {
    PortMap ports = allocate(TWO_PORTS);

    assertThat(ports.resolve(TextNode.valueOf("admin-api"))).isEqualTo(40001);
    assertThat(ports.resolve(IntNode.valueOf(9090))).isEqualTo(40001);
    assertThat(ports.resolve(TextNode.valueOf("9090"))).isEqualTo(40001);
    assertThat(ports.resolve(IntNode.valueOf(8080))).isEqualTo(40000);
    assertThat(ports.resolve(IntNode.valueOf(1234))).isEqualTo(40000);
    assertThat(ports.resolve(TextNode.valueOf("nope"))).isEqualTo(40000);
    assertThat(ports.resolve(null)).isEqualTo(40000);
  }

  @Test
  void aContainerWithoutPortsStillGetsAMainPort() {
    PortMap ports = allocate("image: x");

    assertThat(ports.main()).isEqualTo(40000);
    assertThat(ports.env()).containsExactly(java.util.Map.entry("PORT", "40000"));
  }

  @Test
  void theRecordedFormReadsBackTheSameMapAndOldRecordsGetTheirSinglePort() {
    PortMap ports = allocate(TWO_PORTS);

    assertThat(PortMap.fromJson(ports.toJson(), 1)).isEqualTo(ports);
    assertThat(PortMap.fromJson(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), 7))
        .isEqualTo(PortMap.single(7));
  }
}
