package dev.pilothouse.server.portal;

import dev.pilothouse.core.error.BadRequestException;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code application/x-www-form-urlencoded} bodies of the portal's small forms. */
final class Forms {
  private Forms() {}

  /** The fields of a form post; the first value of a repeated field wins. */
  static Map<String, String> read(ServerRequest req) {
    Map<String, String> fields = new HashMap<>();
    String body = req.content().hasEntity() ? req.content().as(String.class) : "";
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      fields.putIfAbsent(key, value);
    }
    return fields;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("the form is not validly URL-encoded");
    }
  }
}
