package dev.pilothouse.server.flags;

import dev.pilothouse.core.flags.ErrorCode;
import dev.pilothouse.core.flags.Evaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/** OFREP response bodies (protocol openapi v0.3.0) built from evaluations. */
final class OfrepBodies {
  private OfrepBodies() {}

  /**
   * A success: {@code {key, value?, reason, variant?, metadata}}; no value means "code default".
   */
  static Map<String, Object> success(String key, Evaluation e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    if (e.variant() != null) {
      body.put("value", e.value());
    }
    body.put("reason", e.reason().name());
    if (e.variant() != null) {
      body.put("variant", e.variant());
    }
    body.put("metadata", e.flagMetadata());
    return body;
  }

  /** A failure: {@code {key, errorCode, errorDetails}}. */
  static Map<String, Object> failure(String key, ErrorCode code, String details) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (key != null) {
      body.put("key", key);
    }
    body.put("errorCode", code.name());
    body.put("errorDetails", details);
    return body;
  }

  /** The body for an evaluation, success or failure. */
  static Map<String, Object> of(String key, Evaluation e) {
    return e.isError() ? failure(key, e.errorCode(), e.errorMessage()) : success(key, e);
  }

  /** The status of a single evaluation: 404 for an unknown flag, 400 for other errors. */
  static int status(Evaluation e) {
    if (!e.isError()) {
      return 200;
    }
    return e.errorCode() == ErrorCode.FLAG_NOT_FOUND ? 404 : 400;
  }
}
