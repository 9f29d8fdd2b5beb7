package dev.pilothouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.BadRequestException;
import dev.pilothouse.core.error.PayloadTooLargeException;
import dev.pilothouse.core.json.Json;
import dev.pilothouse.core.json.Yaml;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads request bodies with a size limit, as JSON or (by content type) YAML. */
public final class Bodies {
  private final long maxBytes;

  /**
   * @param maxBytes largest accepted body; larger ones get 413 before anything is parsed
   */
  public Bodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as a JSON tree. YAML is accepted when the content type says so. */
  public JsonNode read(ServerRequest req) {
    byte[] bytes = bytes(req);
    if (bytes.length == 0) {
      throw new BadRequestException("the request body is empty");
    }
    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json");
    if (type.contains("yaml")) {
      List<JsonNode> docs = Yaml.readAll(new String(bytes, StandardCharsets.UTF_8), "body");
      if (docs.size() != 1) {
        throw new BadRequestException("the body must hold exactly one YAML document");
      }
      return docs.getFirst();
    }
    return Json.parse(bytes);
  }

  /** The raw body, refusing anything over the limit. */
  public byte[] bytes(ServerRequest req) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException(
        "the request body exceeds the limit of " + maxBytes + " bytes");
  }
}
