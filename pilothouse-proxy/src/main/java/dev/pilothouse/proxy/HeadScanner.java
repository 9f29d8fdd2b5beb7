package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans one HTTP/1.x message head in place and copies it for forwarding: the start line with its
 * version set to {@code HTTP/1.1}, then the end-to-end header lines byte for byte. Hop-by-hop
 * headers (RFC 9110 §7.6.1, and those a {@code Connection} header names), {@code Expect} and (for
 * requests) {@code X-Forwarded-For} are left out; what they said is kept as {@link #flags()}.
 *
 * <p>Why not Netty's HTTP codec: decoding each head into header objects and encoding it again cost
 * about 2.8 kB of garbage and a third of the proxy's user CPU per request, and the proxy needs only
 * the framing facts. The scanner is strict where leniency would let two parties frame a message
 * differently (request smuggling): bare LF, obs-fold, whitespace before a colon, both {@code
 * Content-Length} and {@code Transfer-Encoding}, {@code Transfer-Encoding} in HTTP/1.0, a repeated
 * length, and any transfer coding other than {@code chunked} are rejected. {@code HeadScannerTest}
 * checks it against Netty's decoder.
 *
 * <p>One instance per connection (it keeps the last scan's results); not thread-safe.
 */
final class HeadScanner {

  /** {@code Connection: close} was sent. */
  static final int CLOSE = 1;

  /** {@code Connection: keep-alive} was sent. */
  static final int KEEP_ALIVE = 1 << 1;

  /** The body is chunked ({@code Transfer-Encoding: chunked}, kept in the copy). */
  static final int CHUNKED = 1 << 2;

  /** A {@code Content-Length} is present (kept in the copy); see {@link #contentLength()}. */
  static final int CONTENT_LENGTH = 1 << 3;

  /** {@code Expect: 100-continue} was sent (left out: the proxy answers it itself). */
  static final int EXPECT_CONTINUE = 1 << 4;

  /** An {@code Expect} other than {@code 100-continue} was sent (left out). */
  static final int EXPECT_OTHER = 1 << 5;

  /** The message's version is HTTP/1.0. */
  static final int HTTP_1_0 = 1 << 6;

  /** The request's method is {@code HEAD}. */
  static final int HEAD_METHOD = 1 << 7;

  /** Longest head accepted, start line and headers together. */
  static final int MAX_HEAD = 16 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] HTTP_1_1 =
      "HTTP/1.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final AsciiString HEAD = AsciiString.cached("HEAD");

  // Header names the scanner acts on, lower case.
  private static final AsciiString CONNECTION = AsciiString.cached("connection");
  private static final AsciiString KEEP_ALIVE_NAME = AsciiString.cached("keep-alive");
  private static final AsciiString PROXY_AUTHENTICATE = AsciiString.cached("proxy-authenticate");
  private static final AsciiString PROXY_AUTHORIZATION = AsciiString.cached("proxy-authorization");
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
  private static final AsciiString TE = AsciiString.cached("te");
  private static final AsciiString TRAILER = AsciiString.cached("trailer");
  private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
  private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
  private static final AsciiString CONTENT_LENGTH_NAME = AsciiString.cached("content-length");
  private static final AsciiString EXPECT = AsciiString.cached("expect");
  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  private static final AsciiString CHUNKED_VALUE = AsciiString.cached("chunked");
  private static final AsciiString CLOSE_VALUE = AsciiString.cached("close");
  private static final AsciiString CONTINUE_VALUE = AsciiString.cached("100-continue");

  /** The token characters of RFC 9110 §5.6.2, by ASCII code. */
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  /** A header's role for the scanner. */
  private enum Role {
    KEEP,
    DROP,
    CONNECTION,
    TRANSFER_ENCODING,
    CONTENT_LENGTH,
    EXPECT,
    FORWARDED_FOR
  }

  private int flags;
  private long contentLength;
  private int status;
  private int forwardedStart;
  private int forwardedEnd;
  private List<AsciiString> named;
  private byte[] scratch = new byte[512];

  /** Flags of the last scan. */
  int flags() {
    return flags;
  }

  /** The {@code Content-Length} of the last scan, or -1. */
  long contentLength() {
    return contentLength;
  }

  /** The status code of the last response scanned. */
  int status() {
    return status;
  }

  /** Whether the last scanned request's first {@code X-Forwarded-For} had a value. */
  boolean hasForwardedFor() {
    return forwardedEnd > forwardedStart;
  }

  /** Appends the last scanned request's first {@code X-Forwarded-For} value (trimmed) to out. */
  void copyForwardedFor(ByteBuf out) {
    out.writeBytes(scratch, forwardedStart, forwardedEnd - forwardedStart);
  }

  /**
   * Returns the index just past the blank line ending the head that starts at {@code in}'s reader
   * index, or -1 when it has not all arrived. Leading empty lines are part of the head (RFC 9112
   * §2.2 lets a server ignore them).
   *
   * @throws Malformed when the head is longer than {@link #MAX_HEAD}
   */
  static int headEnd(ByteBuf in) {
    int from = in.readerIndex();
    int to = in.writerIndex();
    int first = from;
    while (first + 1 < to && in.getByte(first) == CR && in.getByte(first + 1) == LF) {
      first += 2; // leading empty lines
    }
    int limit = Math.min(to, from + MAX_HEAD);
    int line = first;
    while (line < limit) {
      int lf = in.indexOf(line, limit, LF);
      if (lf < 0) {
        break;
      }
      boolean empty = lf == line || (lf == line + 1 && in.getByte(line) == CR);
      if (empty && line > first) {
        return lf + 1;
      }
      line = lf + 1;
    }
    if (to - from >= MAX_HEAD) {
      throw new Malformed("head longer than " + MAX_HEAD + " bytes");
    }
    return -1;
  }

  /**
   * Scans the request head in {@code buf[from, to)} and writes its forwarded form, without the
   * closing blank line, to {@code out}.
   *
   * @throws Malformed when the head is not strict HTTP/1.x
   */
  void request(ByteBuf buf, int from, int to, ByteBuf out) {
    reset();
    byte[] in = load(buf, from, to);
    int end = to - from; // scanning works on a copy starting at 0
    int start = skipEmptyLines(in, 0);
    int lineEnd = lineEnd(in, start, end);
    int sp1 = token(in, start, lineEnd);
    if (sp1 == start || sp1 >= lineEnd || in[sp1] != ' ') {
      throw new Malformed("bad method");
    }
    if (sp1 - start == 4 && equalsAt(in, start, HEAD)) {
      flags |= HEAD_METHOD;
    }
    int sp2 = sp1 + 1;
    while (sp2 < lineEnd && visible(in[sp2])) {
      sp2++;
    }
    if (sp2 == sp1 + 1 || sp2 >= lineEnd || in[sp2] != ' ') {
      throw new Malformed("bad request target");
    }
    version(in, sp2 + 1, lineEnd);
    out.writeBytes(in, start, sp2 + 1 - start).writeBytes(HTTP_1_1).writeByte(CR).writeByte(LF);
    headers(in, lineEnd + 2, end, out, true);
  }

  /**
   * Scans the response head in {@code buf[from, to)} and writes its forwarded form, without the
   * closing blank line, to {@code out}.
   *
   * @throws Malformed when the head is not strict HTTP/1.x
   */
  void response(ByteBuf buf, int from, int to, ByteBuf out) {
    reset();
    byte[] in = load(buf, from, to);
    int end = to - from; // scanning works on a copy starting at 0
    int start = skipEmptyLines(in, 0);
    int lineEnd = lineEnd(in, start, end);
    if (lineEnd - start < 12 || in[start + 8] != ' ') {
      throw new Malformed("bad status line");
    }
    version(in, start, start + 8);
    status = 0;
    for (int i = start + 9; i < start + 12; i++) {
      byte b = in[i];
      if (b < '0' || b > '9') {
        throw new Malformed("bad status code");
      }
      status = status * 10 + (b - '0');
    }
    if (status < 100 || (lineEnd > start + 12 && in[start + 12] != ' ')) {
      throw new Malformed("bad status line");
    }
    out.writeBytes(HTTP_1_1).writeBytes(in, start + 8, lineEnd + 2 - (start + 8));
    headers(in, lineEnd + 2, end, out, false);
  }

  private void reset() {
    flags = 0;
    contentLength = -1;
    forwardedStart = -1;
    forwardedEnd = -1;
    named = null;
  }

  private void version(byte[] in, int from, int to) {
    if (to - from != 8 || !prefix(in, from)) {
      throw new Malformed("bad HTTP version");
    }
    byte minor = in[from + 7];
    if (minor == '0') {
      flags |= HTTP_1_0;
    } else if (minor != '1') {
      throw new Malformed("unsupported HTTP version");
    }
  }

  private static boolean prefix(byte[] in, int from) {
    for (int i = 0; i < 7; i++) {
      if (in[from + i] != HTTP_1_1[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Copies the header lines in {@code in[from, end)} (the blank line last) to {@code out}, leaving
   * out those the proxy consumes, in runs: the usual head is one copy.
   */
  private void headers(byte[] in, int from, int end, ByteBuf out, boolean request) {
    int outStart = out.writerIndex();
    int copyFrom = from;
    int line = from;
    while (true) {
      int lineEnd = lineEnd(in, line, end);
      if (lineEnd == line) {
        break;
      }
      Role role = header(in, line, lineEnd, request);
      if (role != Role.KEEP) {
        out.writeBytes(in, copyFrom, line - copyFrom);
        copyFrom = lineEnd + 2;
      }
      line = lineEnd + 2;
    }
    out.writeBytes(in, copyFrom, line - copyFrom);
    if ((flags & CHUNKED) != 0 && (flags & CONTENT_LENGTH) != 0) {
      throw new Malformed("both Content-Length and Transfer-Encoding");
    }
    if ((flags & CHUNKED) != 0 && (flags & HTTP_1_0) != 0) {
      throw new Malformed("Transfer-Encoding in HTTP/1.0"); // RFC 9112 §6.1: faulty framing
    }
    if (named != null) {
      dropNamed(out, outStart);
    }
  }

  /** Checks one header line and returns what to do with it, noting what it says. */
  private Role header(byte[] in, int line, int lineEnd, boolean request) {
    int colon = token(in, line, lineEnd);
    if (colon == line || colon == lineEnd || in[colon] != ':') {
      throw new Malformed("bad header line"); // includes obs-fold and space before the colon
    }
    int valueStart = colon + 1;
    while (valueStart < lineEnd && ows(in[valueStart])) {
      valueStart++;
    }
    int valueEnd = lineEnd;
    while (valueEnd > valueStart && ows(in[valueEnd - 1])) {
      valueEnd--;
    }
    Role role = role(in, line, colon - line, request);
    switch (role) {
      case CONNECTION -> connection(in, valueStart, valueEnd);
      case TRANSFER_ENCODING -> transferEncoding(in, valueStart, valueEnd);
      case CONTENT_LENGTH -> contentLength(in, valueStart, valueEnd);
      case EXPECT ->
          flags |=
              valueEnd - valueStart == CONTINUE_VALUE.length()
                      && equalsAt(in, valueStart, CONTINUE_VALUE)
                  ? EXPECT_CONTINUE
                  : EXPECT_OTHER;
      case FORWARDED_FOR -> {
        if (forwardedStart < 0) {
          forwardedStart = valueStart;
          forwardedEnd = valueEnd;
        }
      }
      default -> {}
    }
    return role == Role.TRANSFER_ENCODING || role == Role.CONTENT_LENGTH ? Role.KEEP : role;
  }

  private static Role role(byte[] in, int name, int length, boolean request) {
    return switch (length) {
      case 2 -> is(in, name, TE) ? Role.DROP : Role.KEEP;
      case 6 -> is(in, name, EXPECT) && request ? Role.EXPECT : Role.KEEP;
      case 7 -> is(in, name, TRAILER) || is(in, name, UPGRADE) ? Role.DROP : Role.KEEP;
      case 10 ->
          is(in, name, CONNECTION)
              ? Role.CONNECTION
              : is(in, name, KEEP_ALIVE_NAME) ? Role.DROP : Role.KEEP;
      case 14 -> is(in, name, CONTENT_LENGTH_NAME) ? Role.CONTENT_LENGTH : Role.KEEP;
      case 15 -> is(in, name, X_FORWARDED_FOR) && request ? Role.FORWARDED_FOR : Role.KEEP;
      case 16 -> is(in, name, PROXY_CONNECTION) ? Role.DROP : Role.KEEP;
      case 17 -> is(in, name, TRANSFER_ENCODING) ? Role.TRANSFER_ENCODING : Role.KEEP;
      case 18 -> is(in, name, PROXY_AUTHENTICATE) ? Role.DROP : Role.KEEP;
      case 19 -> is(in, name, PROXY_AUTHORIZATION) ? Role.DROP : Role.KEEP;
      default -> Role.KEEP;
    };
  }

  /** Reads {@code Connection}'s options, and collects other header names it lists. */
  private void connection(byte[] in, int from, int to) {
    int start = from;
    while (start <= to) {
      int comma = indexOf(in, start, to, (byte) ',');
      int end = comma < 0 ? to : comma;
      int a = start;
      int b = end;
      while (a < b && ows(in[a])) {
        a++;
      }
      while (b > a && ows(in[b - 1])) {
        b--;
      }
      if (b - a == CLOSE_VALUE.length() && equalsAt(in, a, CLOSE_VALUE)) {
        flags |= CLOSE;
      } else if (b - a == KEEP_ALIVE_NAME.length() && equalsAt(in, a, KEEP_ALIVE_NAME)) {
        flags |= KEEP_ALIVE;
      } else if (b > a) {
        if (token(in, a, b) != b) {
          throw new Malformed("bad Connection option");
        }
        if (named == null) {
          named = new ArrayList<>(2);
        }
        named.add(new AsciiString(lower(in, a, b), false));
      }
      start = end + 1;
    }
  }

  private void transferEncoding(byte[] in, int from, int to) {
    if ((flags & CHUNKED) != 0
        || to - from != CHUNKED_VALUE.length()
        || !equalsAt(in, from, CHUNKED_VALUE)) {
      throw new Malformed("unsupported Transfer-Encoding (only a single chunked is)");
    }
    flags |= CHUNKED;
  }

  /** Reads a length; a second {@code Content-Length} is refused, as nginx does. */
  private void contentLength(byte[] in, int from, int to) {
    if ((flags & CONTENT_LENGTH) != 0) {
      throw new Malformed("repeated Content-Length");
    }
    if (from == to || to - from > 18) {
      throw new Malformed("bad Content-Length");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      byte b = in[i];
      if (b < '0' || b > '9') {
        throw new Malformed("bad Content-Length");
      }
      value = value * 10 + (b - '0');
    }
    flags |= CONTENT_LENGTH;
    contentLength = value;
  }

  /**
   * Removes from the copied header lines in {@code out[from, writerIndex)} those the {@code
   * Connection} header named (rare: a second pass rather than a cost on every message). The framing
   * headers stay: dropping them would change where the message ends.
   */
  private void dropNamed(ByteBuf out, int from) {
    byte[] lines = new byte[out.writerIndex() - from];
    out.getBytes(from, lines);
    out.writerIndex(from);
    int line = 0;
    while (line < lines.length) {
      int next = indexOf(lines, line, lines.length, LF) + 1;
      int colon = indexOf(lines, line, next, (byte) ':');
      if (!named(lines, line, colon - line)) {
        out.writeBytes(lines, line, next - line);
      }
      line = next;
    }
  }

  private boolean named(byte[] lines, int name, int length) {
    for (AsciiString candidate : named) {
      if (length == candidate.length()
          && equalsAt(lines, name, candidate)
          && !candidate.contentEquals(CONTENT_LENGTH_NAME)
          && !candidate.contentEquals(TRANSFER_ENCODING)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Copies {@code buf[from, end)} into the scratch array (one copy instead of a bounds check a
   * byte).
   */
  private byte[] load(ByteBuf buf, int from, int end) {
    int length = end - from;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    buf.getBytes(from, scratch, 0, length);
    return scratch;
  }

  private static int indexOf(byte[] in, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (in[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static int skipEmptyLines(byte[] in, int from) {
    int i = from;
    while (in[i] == CR && in[i + 1] == LF) {
      i += 2;
    }
    return i;
  }

  /**
   * Returns the index of the CR ending the line at {@code from}, checking on the way that the line
   * holds no control byte but HT (which also refuses a bare CR or LF): one pass per line.
   */
  private static int lineEnd(byte[] in, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = in[i];
      if ((b & 0xff) < ' ' || b == 0x7f) {
        if (b == CR && i + 1 < end && in[i + 1] == LF) {
          return i;
        }
        if (b != '\t') {
          throw new Malformed(b == LF ? "bare LF" : "control byte in a line");
        }
      }
    }
    throw new Malformed("line without CRLF");
  }

  /** Returns the index of the first non-token byte at or after {@code from}. */
  private static int token(byte[] in, int from, int to) {
    int i = from;
    while (i < to && tchar(in[i])) {
      i++;
    }
    return i;
  }

  private static boolean tchar(byte b) {
    return b >= 0 && TCHAR[b];
  }

  private static boolean visible(byte b) {
    return b > ' ' && b != 0x7f;
  }

  private static boolean ows(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean is(byte[] in, int at, AsciiString lowerName) {
    return equalsAt(in, at, lowerName);
  }

  /** Whether {@code in} at {@code at} holds {@code lower} ignoring ASCII case. */
  private static boolean equalsAt(byte[] in, int at, AsciiString lower) {
    for (int i = 0; i < lower.length(); i++) {
      byte b = in[at + i];
      byte expected = lower.byteAt(i);
      if (b != expected && !(b >= 'A' && b <= 'Z' && b + 32 == expected)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] lower(byte[] in, int from, int to) {
    byte[] bytes = new byte[to - from];
    for (int i = 0; i < bytes.length; i++) {
      byte b = in[from + i];
      bytes[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
    return bytes;
  }

  /** Whether a message with these flags keeps its connection open. */
  static boolean keepAlive(int flags) {
    if ((flags & CLOSE) != 0) {
      return false;
    }
    return (flags & HTTP_1_0) == 0 || (flags & KEEP_ALIVE) != 0;
  }

  /** A head the scanner refuses; the message is not forwarded. */
  static final class Malformed extends RuntimeException {
    Malformed(String reason) {
      super(reason, null, false, false); // no stack trace: a bad request is not a bug
    }
  }
}
