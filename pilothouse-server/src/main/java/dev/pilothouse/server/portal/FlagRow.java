package dev.pilothouse.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.server.flags.FlagOperations.FlagView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One flag as the Flags page shows it.
 *
 * @param variants {@code name = value} texts, the default first
 * @param targeting the rule as indented JSON, empty when there is none
 * @param canWrite whether the viewer may flip it
 */
public record FlagRow(
    String key,
    String environment,
    String flagSet,
    boolean enabled,
    String defaultVariant,
    List<String> variants,
    String targeting,
    boolean canWrite) {

  static FlagRow of(FlagView f, boolean canWrite) {
    List<String> variants = new ArrayList<>();
    f.variants()
        .properties()
        .forEach(e -> variants.add(e.getKey() + " = " + e.getValue().toString()));
    JsonNode t = f.targeting();
    String targeting =
        t.isMissingNode() || t.isNull() || (t.isObject() && t.isEmpty()) ? "" : pretty(t);
    return new FlagRow(
        f.key(),
        f.environment(),
        f.flagSet(),
        "ENABLED".equals(f.state()),
        f.defaultVariant(),
        variants,
        targeting,
        canWrite);
  }

  /** {@code ENABLED} or {@code DISABLED}. */
  public String state() {
    return enabled ? "ENABLED" : "DISABLED";
  }

  /** CSS class of the state tag. */
  public String stateClass() {
    return enabled ? "phase phase-healthy" : "phase phase-degraded";
  }

  /** The flag's own page. */
  public String href() {
    return "/flags/" + enc(environment) + "/" + enc(key);
  }

  /** Where the enable/disable form posts. */
  public String toggleAction() {
    return href() + "/" + (enabled ? "disable" : "enable");
  }

  /** The toggle button's text. */
  public String toggleLabel() {
    return enabled ? "Disable" : "Enable";
  }

  private static String pretty(JsonNode node) {
    try {
      return dev.pilothouse.core.json.Json.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return node.toString();
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
