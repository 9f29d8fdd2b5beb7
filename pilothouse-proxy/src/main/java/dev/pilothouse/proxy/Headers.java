package dev.pilothouse.proxy;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Copies HTTP headers across the proxy without the hop-by-hop ones (RFC 9110 §7.6.1). */
final class Headers {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private Headers() {}

  /** Copies end-to-end headers from {@code from} into {@code to}, skipping {@code host} too. */
  static void copyEndToEnd(MultiMap from, MultiMap to) {
    Set<String> named = connectionTokens(from);
    for (var entry : from) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !named.contains(name) && !name.equals("host")) {
        to.add(entry.getKey(), entry.getValue());
      }
    }
  }

  /** Headers listed in {@code Connection} are hop-by-hop for this message only. */
  private static Set<String> connectionTokens(MultiMap headers) {
    String connection = headers.get("connection");
    if (connection == null) {
      return Set.of();
    }
    return Arrays.stream(connection.toLowerCase(Locale.ROOT).split(","))
        .map(String::strip)
        .filter(token -> !token.isBlank())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Appends the client's address to any {@code X-Forwarded-For} chain it sent. */
  static String forwardedFor(String existing, String clientHost) {
    return existing == null || existing.isBlank() ? clientHost : existing + ", " + clientHost;
  }
}
