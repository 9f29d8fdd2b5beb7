package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** An error response of the Pilothouse API, parsed from its {@code problem+json} body. */
public final class ApiException extends CliException {
  private final int status;
  private final String title;
  private final String detail;
  private final List<FieldError> errors;

  ApiException(int status, String title, String detail, List<FieldError> errors, String server) {
    super(message(status, title, detail, errors, server), FAILURE);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  /** Parses an error response; a body that is not problem JSON still yields a usable message. */
  static ApiException of(int status, String body, String server) {
    JsonNode problem = parseQuietly(body);
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode e : problem.path("errors")) {
      errors.add(new FieldError(e.path("field").asText(""), e.path("message").asText("")));
    }
    String detail = problem.path("detail").asText("");
    if (detail.isEmpty() && !problem.isObject() && body != null && !body.isBlank()) {
      detail = body.strip().lines().findFirst().orElse("");
    }
    return new ApiException(status, problem.path("title").asText(""), detail, errors, server);
  }

  private static JsonNode parseQuietly(String body) {
    if (body == null || body.isBlank()) {
      return Json.object();
    }
    try {
      return Json.parse(body);
    } catch (RuntimeException notJson) {
      // A proxy or crash page instead of problem JSON: the raw first line is shown instead.
      return Json.MAPPER.missingNode();
    }
  }

  private static String message(
      int status, String title, String detail, List<FieldError> errors, String server) {
    String text;
    if (!errors.isEmpty()) {
      text =
          errors.stream().map(FieldError::toString).collect(Collectors.joining("; "))
              + " ("
              + status
              + ")";
    } else if (!detail.isEmpty()) {
      text = detail;
    } else {
      text = title.isEmpty() ? "request failed with HTTP " + status : title + " (" + status + ")";
    }
    if (status == 401) {
      text += " (log in with: pilothouse login --server " + server + " --token TOKEN)";
    }
    return text;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
