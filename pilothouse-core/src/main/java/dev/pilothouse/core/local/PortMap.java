package dev.pilothouse.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pilothouse.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * How a local pod's declared container ports map to the loopback ports it really listens on. A
 * local pod cannot listen on its container ports (every replica would want the same one), so each
 * declared {@code ports[]} entry gets its own free port; the first is the pod's main port, given in
 * {@code PORT}. A container that declares no ports still gets one main port.
 *
 * <p>A port reference (a probe's {@code port}, a Service's {@code targetPort}) is a name of a
 * declared port or a number; a number matching a declared {@code containerPort} maps to that port,
 * and anything else maps to the main port (templates written for Kubernetes usually name the one
 * port the app listens on).
 *
 * @param ports the declared ports in order, never empty
 */
public record PortMap(List<Mapped> ports) {

  /**
   * One declared port.
   *
   * @param name its {@code name}, or empty
   * @param containerPort its {@code containerPort}, or 0 for the main port of a container that
   *     declares none
   * @param local the loopback port the process listens on
   */
  public record Mapped(String name, int containerPort, int local) {}

  /** Validates that there is a main port. */
  public PortMap {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("a pod has at least its main port");
    }
    ports = List.copyOf(ports);
  }

  /** Gives each port the container declares (or one main port) a port from {@code free}. */
  public static PortMap allocate(JsonNode container, IntSupplier free) {
    List<Mapped> ports = new ArrayList<>();
    for (JsonNode p : container.path("ports")) {
      ports.add(
          new Mapped(p.path("name").asText(""), p.path("containerPort").asInt(0), free.getAsInt()));
    }
    if (ports.isEmpty()) {
      ports.add(new Mapped("", 0, free.getAsInt()));
    }
    return new PortMap(ports);
  }

  /** A pod with only a main port (tests, and records written before ports were mapped). */
  public static PortMap single(int port) {
    return new PortMap(List.of(new Mapped("", 0, port)));
  }

  /** The main port, given to the process in {@code PORT}. */
  public int main() {
    return ports.getFirst().local();
  }

  /**
   * The loopback port for a reference: a declared port's name, or a number (text or integer).
   * Unknown names and numbers map to the main port.
   */
  public int resolve(JsonNode ref) {
    if (ref == null || ref.isMissingNode() || ref.isNull()) {
      return main();
    }
    String text = ref.asText();
    for (Mapped p : ports) {
      if (!p.name().isEmpty() && p.name().equals(text)) {
        return p.local();
      }
    }
    for (Mapped p : ports) {
      if (p.containerPort() != 0 && Integer.toString(p.containerPort()).equals(text)) {
        return p.local();
      }
    }
    return main();
  }

  /**
   * The variables telling the process where to listen: {@code PORT} (main), {@code
   * PORT_<containerPort>} for each declared port and {@code PORT_<NAME>} for each named one (upper
   * case, {@code -} as {@code _}).
   */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(main()));
    for (Mapped p : ports) {
      if (p.containerPort() != 0) {
        env.put("PORT_" + p.containerPort(), Integer.toString(p.local()));
      }
      if (!p.name().isEmpty()) {
        env.put(
            "PORT_" + p.name().toUpperCase(Locale.ROOT).replace('-', '_'),
            Integer.toString(p.local()));
      }
    }
    return env;
  }

  /** As recorded in a Pod's status: {@code [{name, containerPort, port}]}. */
  public ArrayNode toJson() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Mapped p : ports) {
      out.addObject()
          .put("name", p.name())
          .put("containerPort", p.containerPort())
          .put("port", p.local());
    }
    return out;
  }

  /** Reads {@link #toJson()}; {@code fallback} is the main port of records without the list. */
  public static PortMap fromJson(JsonNode ports, int fallback) {
    List<Mapped> out = new ArrayList<>();
    for (JsonNode p : ports) {
      out.add(
          new Mapped(
              p.path("name").asText(""), p.path("containerPort").asInt(0), p.path("port").asInt()));
    }
    return out.isEmpty() ? single(fallback) : new PortMap(out);
  }
}
