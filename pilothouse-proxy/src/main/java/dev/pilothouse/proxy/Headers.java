package dev.pilothouse.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps hop-by-hop headers (RFC 9110 §7.6.1) from crossing the proxy, and reads the framing facts
 * the proxy needs from them, in one pass over the headers (a lookup per header name would cost a
 * dozen hash probes per message on the request path).
 */
final class Headers {

  /** {@code Connection: close} was sent. */
  static final int CLOSE = 1;

  /** {@code Connection: keep-alive} was sent. */
  static final int KEEP_ALIVE = 1 << 1;

  /** The body is chunked ({@code Transfer-Encoding} names {@code chunked}). */
  static final int CHUNKED = 1 << 2;

  /** A {@code Content-Length} is present (kept: it is end-to-end). */
  static final int CONTENT_LENGTH = 1 << 3;

  /** {@code Expect: 100-continue} was sent (and removed: the proxy answers it itself). */
  static final int EXPECT_CONTINUE = 1 << 4;

  /** An {@code Expect} other than {@code 100-continue} was sent (and removed). */
  static final int EXPECT_OTHER = 1 << 5;

  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
  private static final int CONNECTION_INDEX = 0;
  private static final int TRANSFER_ENCODING_INDEX = 7;
  private static final AsciiString[] HOP_BY_HOP = {
    HttpHeaderNames.CONNECTION,
    HttpHeaderNames.KEEP_ALIVE,
    HttpHeaderNames.PROXY_AUTHENTICATE,
    HttpHeaderNames.PROXY_AUTHORIZATION,
    PROXY_CONNECTION,
    HttpHeaderNames.TE,
    HttpHeaderNames.TRAILER,
    HttpHeaderNames.TRANSFER_ENCODING,
    HttpHeaderNames.UPGRADE
  };

  private Headers() {}

  /**
   * Removes the hop-by-hop headers, those {@code Connection} names, and {@code Expect}, from a
   * message about to be forwarded (in place: the proxy relays the message object it decoded), and
   * returns what they said as a set of the flags above.
   */
  static int stripHopByHop(HttpHeaders headers) {
    int flags = 0;
    int found = 0; // bit i: HOP_BY_HOP[i] is present (Netty's header iterator cannot remove)
    List<String> named = null;
    for (Map.Entry<CharSequence, CharSequence> header : iterable(headers)) {
      CharSequence name = header.getKey();
      if (is(name, HttpHeaderNames.CONTENT_LENGTH)) {
        flags |= CONTENT_LENGTH;
      } else if (is(name, HttpHeaderNames.EXPECT)) {
        boolean continues =
            HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(header.getValue().toString().strip());
        flags |= continues ? EXPECT_CONTINUE : EXPECT_OTHER;
      } else {
        int hop = hopByHop(name);
        if (hop == CONNECTION_INDEX) {
          named = connection(header.getValue(), named);
          flags |= connectionFlags(header.getValue());
        } else if (hop == TRANSFER_ENCODING_INDEX) {
          flags |= hasToken(header.getValue(), HttpHeaderValues.CHUNKED) ? CHUNKED : 0;
        }
        found |= hop < 0 ? 0 : 1 << hop;
      }
    }
    for (int i = 0; found != 0; i++, found >>>= 1) {
      if ((found & 1) != 0) {
        headers.remove(HOP_BY_HOP[i]);
      }
    }
    if ((flags & (EXPECT_CONTINUE | EXPECT_OTHER)) != 0) {
      headers.remove(HttpHeaderNames.EXPECT);
    }
    if (named != null) {
      named.forEach(headers::remove);
    }
    return flags;
  }

  private static Iterable<Map.Entry<CharSequence, CharSequence>> iterable(HttpHeaders headers) {
    return headers::iteratorCharSequence;
  }

  /** Whether a message with these header flags and version keeps its connection open. */
  static boolean keepAlive(int flags, HttpVersion version) {
    if ((flags & CLOSE) != 0) {
      return false;
    }
    return version.isKeepAliveDefault() || (flags & KEEP_ALIVE) != 0;
  }

  /** Appends the client's address to any {@code X-Forwarded-For} chain it sent. */
  static String forwardedFor(String existing, String clientHost) {
    return existing == null || existing.isBlank() ? clientHost : existing + ", " + clientHost;
  }

  private static boolean is(CharSequence name, AsciiString expected) {
    return name.length() == expected.length() && expected.contentEqualsIgnoreCase(name);
  }

  /** Returns the index of {@code name} in {@link #HOP_BY_HOP}, or -1. */
  private static int hopByHop(CharSequence name) {
    for (int i = 0; i < HOP_BY_HOP.length; i++) {
      if (is(name, HOP_BY_HOP[i])) {
        return i;
      }
    }
    return -1;
  }

  private static int connectionFlags(CharSequence value) {
    if (HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(value)) {
      return KEEP_ALIVE; // what most backends send: no token list to split
    }
    int flags = hasToken(value, HttpHeaderValues.CLOSE) ? CLOSE : 0;
    return flags | (hasToken(value, HttpHeaderValues.KEEP_ALIVE) ? KEEP_ALIVE : 0);
  }

  /** Collects the header names a {@code Connection} value lists (other than its options). */
  private static List<String> connection(CharSequence value, List<String> named) {
    if (HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(value)
        || HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(value)) {
      return named;
    }
    List<String> out = named == null ? new ArrayList<>() : named;
    for (String token : value.toString().split(",")) {
      String name = token.strip();
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  private static boolean hasToken(CharSequence value, AsciiString token) {
    for (String part : value.toString().split(",")) {
      if (token.contentEqualsIgnoreCase(part.strip())) {
        return true;
      }
    }
    return false;
  }
}
