package dev.pilothouse.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilothouse.core.error.AlreadyExistsException;
import dev.pilothouse.core.error.BadRequestException;
import dev.pilothouse.core.error.ConflictException;
import dev.pilothouse.core.error.EncryptionKeyMissingException;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ForbiddenException;
import dev.pilothouse.core.error.GoneException;
import dev.pilothouse.core.error.NotFoundException;
import dev.pilothouse.core.error.PayloadTooLargeException;
import dev.pilothouse.core.error.PilothouseException;
import dev.pilothouse.core.error.UnauthorizedException;
import dev.pilothouse.core.error.UnavailableException;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;

/**
 * The one place where typed errors become HTTP problem responses (RFC 9457). Only the exceptions'
 * safe messages reach clients; anything untyped becomes a generic 500.
 */
public final class Problems {
  /** Media type of problem responses. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** A problem document and its HTTP status. */
  public record Problem(int status, ObjectNode body) {}

  /** Maps a typed error to its status, title and body. */
  public static Problem of(PilothouseException e) {
    int status =
        switch (e) {
          case BadRequestException x -> 400;
          case UnauthorizedException x -> 401;
          case ForbiddenException x -> 403;
          case NotFoundException x -> 404;
          case AlreadyExistsException x -> 409;
          case ConflictException x -> 409;
          case EncryptionKeyMissingException x -> 500;
          case GoneException x -> 410;
          case PayloadTooLargeException x -> 413;
          case ValidationException x -> 422;
          case UnavailableException x -> 503;
        };
    ObjectNode body = body(status, title(e), e.getMessage());
    if (!e.fieldErrors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (FieldError f : e.fieldErrors()) {
        errors.addObject().put("field", f.field()).put("message", f.message());
      }
    }
    return new Problem(status, body);
  }

  /** A problem for an unexpected failure: no internal detail is exposed. */
  public static Problem internal() {
    return new Problem(
        500,
        body(500, "Internal Server Error", "an unexpected error occurred; see the server log"));
  }

  /** A problem with the given status and detail. */
  public static Problem of(int status, String title, String detail) {
    return new Problem(status, body(status, title, detail));
  }

  private static ObjectNode body(int status, String title, String detail) {
    ObjectNode body = Json.object();
    body.put(
        "type",
        "https://pilothouse.dev/problems/"
            + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return body;
  }

  private static String title(PilothouseException e) {
    return switch (e) {
      case BadRequestException x -> "Bad Request";
      case UnauthorizedException x -> "Unauthorized";
      case ForbiddenException x -> "Forbidden";
      case NotFoundException x -> "Not Found";
      case AlreadyExistsException x -> "Already Exists";
      case ConflictException x -> "Conflict";
      case EncryptionKeyMissingException x -> "Encryption Key Missing";
      case GoneException x -> "Gone";
      case PayloadTooLargeException x -> "Payload Too Large";
      case ValidationException x -> "Unprocessable Entity";
      case UnavailableException x -> "Service Unavailable";
    };
  }
}
