package dev.pilothouse.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/** Keeps hop-by-hop headers (RFC 9110 §7.6.1) from crossing the proxy. */
final class Headers {

  private static final List<AsciiString> HOP_BY_HOP =
      List.of(
          HttpHeaderNames.CONNECTION,
          HttpHeaderNames.KEEP_ALIVE,
          HttpHeaderNames.PROXY_AUTHENTICATE,
          HttpHeaderNames.PROXY_AUTHORIZATION,
          AsciiString.cached("proxy-connection"),
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.TRANSFER_ENCODING,
          HttpHeaderNames.UPGRADE);

  private Headers() {}

  /**
   * Removes the hop-by-hop headers, and those {@code Connection} names, from a message about to be
   * forwarded (in place: the proxy relays the message object it decoded).
   */
  static void stripHopByHop(HttpHeaders headers) {
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String token : connection.split(",")) {
        String name = token.strip();
        if (!name.isEmpty()) {
          headers.remove(name);
        }
      }
    }
    for (AsciiString name : HOP_BY_HOP) {
      headers.remove(name);
    }
  }

  /** Appends the client's address to any {@code X-Forwarded-For} chain it sent. */
  static String forwardedFor(String existing, String clientHost) {
    return existing == null || existing.isBlank() ? clientHost : existing + ", " + clientHost;
  }
}
