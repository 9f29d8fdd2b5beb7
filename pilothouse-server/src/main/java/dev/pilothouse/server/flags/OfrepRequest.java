package dev.pilothouse.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.flags.ErrorCode;
import dev.pilothouse.core.json.Json;
import java.util.Map;

/**
 * A parsed OFREP request body {@code {"context": {...}}}: either a context or the OFREP error that
 * the body deserves (PARSE_ERROR for malformed JSON, INVALID_CONTEXT for a non-object context).
 *
 * @param context the evaluation context, empty when the body or its context is absent
 * @param contextKey a canonical form of the context, part of the bulk ETag
 */
record OfrepRequest(
    Map<String, Object> context, String contextKey, ErrorCode error, String errorDetails) {

  /** Parses a raw body. */
  @SuppressWarnings("unchecked")
  static OfrepRequest parse(byte[] body) {
    if (body.length == 0) {
      return new OfrepRequest(Map.of(), "{}", null, null);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (Exception e) {
      return failed(ErrorCode.PARSE_ERROR, "the request body is not valid JSON");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new OfrepRequest(Map.of(), "{}", null, null);
    }
    if (!root.isObject()) {
      return failed(ErrorCode.PARSE_ERROR, "the request body must be a JSON object");
    }
    JsonNode context = root.get("context");
    if (context == null || context.isNull()) {
      return new OfrepRequest(Map.of(), "{}", null, null);
    }
    if (!context.isObject()) {
      return failed(ErrorCode.INVALID_CONTEXT, "context must be a JSON object");
    }
    return new OfrepRequest(
        Json.MAPPER.convertValue(context, Map.class), context.toString(), null, null);
  }

  private static OfrepRequest failed(ErrorCode code, String details) {
    return new OfrepRequest(Map.of(), "", code, details);
  }

  boolean failed() {
    return error != null;
  }
}
