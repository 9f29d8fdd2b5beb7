package dev.pilothouse.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Builds random HTTP/1.x request streams for {@link RequestDecoderTest}: one to three pipelined
 * requests with random methods, targets, versions, header names in random case, values with odd
 * whitespace, and bodies framed by length or by chunks (with extensions and trailers). A few
 * percent of the pieces are broken on purpose (bad tokens, bare LF, obs-fold, ambiguous or bad
 * framing); {@code valid} says whether any was.
 */
final class RequestGenerator {

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private static final String PATH_CHARS = "abcxyz0189/?=&%.-_~";
  private static final List<String> HEADERS =
      List.of(
          "Host: web",
          "X-Custom: value",
          "X-Other:  spaced\t ",
          "Accept: */*",
          "Connection: keep-alive",
          "Connection: close",
          "Connection: keep-alive, X-Custom",
          "Connection: Upgrade",
          "Keep-Alive: timeout=5",
          "TE: trailers",
          "Upgrade: websocket",
          "Proxy-Connection: keep-alive",
          "Proxy-Authorization: Basic eA==",
          "Trailer: X-Trailer",
          "Expect: 100-continue",
          "X-Forwarded-For: 192.0.2.1",
          "X-Forwarded-For:",
          "User-Agent: gen/1.0 (\u00e9)");
  private static final List<String> BROKEN_HEADERS =
      List.of(
          " folded",
          "Bad Name: x",
          "NoColon",
          "X-A : b",
          "X-Null: a\u0000b",
          "X-Ctl: a\u0001b",
          ": empty-name",
          "X-Cr: a\rb");

  private RequestGenerator() {}

  static RequestDecoderTest.Generated requests(Random random) {
    StringBuilder out = new StringBuilder();
    boolean[] valid = {true};
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      request(random, out, valid);
    }
    String text = out.toString();
    return new RequestDecoderTest.Generated(
        text.getBytes(StandardCharsets.ISO_8859_1), text, valid[0]);
  }

  private static void request(Random random, StringBuilder out, boolean[] valid) {
    String eol = rare(random, 0.01, valid) ? "\n" : "\r\n";
    out.append(method(random, valid)).append(' ').append(target(random, valid)).append(' ');
    String version = version(random, valid);
    out.append(version).append(eol);
    int headers = random.nextInt(7);
    for (int i = 0; i < headers; i++) {
      String header =
          rare(random, 0.02, valid)
              ? pick(random, BROKEN_HEADERS)
              : randomCase(random, pick(random, HEADERS));
      out.append(header).append(eol);
    }
    body(random, out, eol, valid, version.equals("HTTP/1.0"));
  }

  private static void body(
      Random random, StringBuilder out, String eol, boolean[] valid, boolean http10) {
    int kind = random.nextInt(10);
    if (kind < 6) {
      out.append(eol);
      return;
    }
    if (kind < 8) {
      String data = data(random, random.nextInt(300));
      out.append(randomCase(random, "Content-Length: ")).append(data.length()).append(eol);
      if (rare(random, 0.03, valid)) {
        out.append("Content-Length: ").append(data.length() + random.nextInt(2)).append(eol);
      }
      if (rare(random, 0.03, valid)) {
        out.append("Transfer-Encoding: chunked").append(eol);
      }
      out.append(eol).append(data);
      return;
    }
    valid[0] &= !http10; // chunked is HTTP/1.1 only (RFC 9112 §6.1)
    String coding = rare(random, 0.03, valid) ? "gzip, chunked" : "chunked";
    out.append(randomCase(random, "Transfer-Encoding: ")).append(coding).append(eol).append(eol);
    int chunks = random.nextInt(4);
    for (int i = 0; i < chunks; i++) {
      String data = data(random, 1 + random.nextInt(100));
      String size = Integer.toHexString(data.length());
      if (rare(random, 0.03, valid)) {
        size = "z" + size;
      }
      out.append(random.nextBoolean() ? size : size.toUpperCase(java.util.Locale.ROOT));
      out.append(random.nextInt(4) == 0 ? ";ext=1" : "").append("\r\n").append(data);
      out.append(rare(random, 0.03, valid) ? "XX" : "\r\n");
    }
    out.append("0\r\n");
    if (random.nextInt(4) == 0) {
      out.append("X-Trailer: t\r\n");
    }
    out.append("\r\n");
  }

  private static String method(Random random, boolean[] valid) {
    return rare(random, 0.02, valid) ? "G(T" : pick(random, METHODS);
  }

  private static String target(Random random, boolean[] valid) {
    StringBuilder target = new StringBuilder("/");
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      target.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
    }
    if (rare(random, 0.02, valid)) {
      target.append(random.nextBoolean() ? "\u0001" : " x");
    }
    return target.toString();
  }

  private static String version(Random random, boolean[] valid) {
    if (rare(random, 0.03, valid)) {
      return pick(random, List.of("HTTP/2.0", "HTTP/1.1 ", "http/1.1", "HTTP/1"));
    }
    return random.nextInt(8) == 0 ? "HTTP/1.0" : "HTTP/1.1";
  }

  private static String data(Random random, int length) {
    StringBuilder data = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      data.append((char) random.nextInt(256)); // any byte, CR and LF included
    }
    return data.toString();
  }

  /** With probability {@code p}, breaks the request (and says so). */
  private static boolean rare(Random random, double p, boolean[] valid) {
    boolean broken = random.nextDouble() < p;
    valid[0] &= !broken;
    return broken;
  }

  private static String randomCase(Random random, String header) {
    int colon = header.indexOf(':');
    StringBuilder out = new StringBuilder(header.length());
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      out.append(i < colon && random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
