package dev.pilothouse.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pilothouse.core.error.BadRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** YAML reading (multi-document) and writing, on the same tree model as {@link Json}. */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private Yaml() {}

  /**
   * Reads every document of a (possibly multi-document) YAML or JSON text. Empty documents (a stray
   * {@code ---}) are skipped, as kubectl does.
   *
   * @param source name of the input for error messages, e.g. a file name
   */
  public static List<JsonNode> readAll(String text, String source) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          docs.add(node);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new BadRequestException(source + ": invalid YAML: " + firstLine(e.getMessage()), e);
    }
    return docs;
  }

  /** Writes a tree as YAML. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
