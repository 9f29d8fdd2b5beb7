package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Where a message body ends (RFC 9112 §6), followed over the raw bytes that are forwarded as they
 * are: a fixed {@code Content-Length}, {@code chunked} (chunk-size lines, data, trailer section),
 * or (responses only) until the connection closes. The bytes are not changed, only counted, so a
 * chunked body goes out with the framing it came in. One instance per connection, reused.
 */
final class BodyFraming {

  private static final int MAX_LINE = 4096;
  private static final int MAX_TRAILERS = 16 * 1024;

  private enum State {
    DONE,
    LENGTH,
    UNTIL_CLOSE,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS
  }

  private State state = State.DONE;
  private long remaining;
  private int trailerBytes;

  /** Starts a body of {@code length} bytes (0: none). */
  void expectLength(long length) {
    remaining = length;
    state = length == 0 ? State.DONE : State.LENGTH;
  }

  /** Starts a chunked body. */
  void expectChunked() {
    state = State.CHUNK_SIZE;
    trailerBytes = 0;
  }

  /** Starts a body that ends when the connection closes. */
  void expectUntilClose() {
    state = State.UNTIL_CLOSE;
  }

  /** Whether the body ended (or there was none). */
  boolean done() {
    return state == State.DONE;
  }

  /** Whether the body ends only when the connection closes. */
  boolean endsAtClose() {
    return state == State.UNTIL_CLOSE;
  }

  /**
   * Returns how many of the readable bytes of {@code in} (from its reader index) belong to the
   * body, without moving the index. Stops early at the body's end, or before a chunk-size or
   * trailer line that has not all arrived.
   *
   * @throws HeadScanner.Malformed on bad chunked framing
   */
  int consume(ByteBuf in) {
    int from = in.readerIndex();
    int to = in.writerIndex();
    int at = from;
    while (at < to && state != State.DONE) {
      int next = step(in, at, to);
      if (next == at) {
        break; // needs more bytes
      }
      at = next;
    }
    return at - from;
  }

  private int step(ByteBuf in, int at, int to) {
    return switch (state) {
      case LENGTH -> {
        int n = (int) Math.min(remaining, to - at);
        remaining -= n;
        if (remaining == 0) {
          state = State.DONE;
        }
        yield at + n;
      }
      case UNTIL_CLOSE -> to;
      case CHUNK_SIZE -> chunkSize(in, at, to);
      case CHUNK_DATA -> {
        int n = (int) Math.min(remaining, to - at);
        remaining -= n;
        if (remaining == 0) {
          state = State.CHUNK_END;
        }
        yield at + n;
      }
      case CHUNK_END -> {
        if (to - at < 2) {
          yield at;
        }
        if (in.getByte(at) != '\r' || in.getByte(at + 1) != '\n') {
          throw new HeadScanner.Malformed("chunk data not followed by CRLF");
        }
        state = State.CHUNK_SIZE;
        yield at + 2;
      }
      case TRAILERS -> trailer(in, at, to);
      case DONE -> at;
    };
  }

  /** Reads {@code chunk-size [chunk-ext] CRLF}. */
  private int chunkSize(ByteBuf in, int at, int to) {
    int lineEnd = lineEnd(in, at, to, MAX_LINE);
    if (lineEnd < 0) {
      return at;
    }
    long size = 0;
    int i = at;
    for (; i < lineEnd; i++) {
      int digit = Character.digit(in.getByte(i), 16);
      if (digit < 0) {
        break;
      }
      if (i - at >= 15) {
        throw new HeadScanner.Malformed("chunk size too large");
      }
      size = size * 16 + digit;
    }
    if (i == at || (i < lineEnd && !extension(in, i, lineEnd))) {
      throw new HeadScanner.Malformed("bad chunk size line");
    }
    if (size == 0) {
      state = State.TRAILERS;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
    return lineEnd + 2;
  }

  /** A chunk extension: {@code *(BWS ";" ...)} with no control bytes. */
  private static boolean extension(ByteBuf in, int from, int to) {
    int i = from;
    while (i < to && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
      i++;
    }
    if (i == to || in.getByte(i) != ';') {
      return false;
    }
    for (; i < to; i++) {
      byte b = in.getByte(i);
      if (b != '\t' && (b < ' ' || b == 0x7f)) {
        return false;
      }
    }
    return true;
  }

  /** Reads one trailer line; the empty one ends the body. */
  private int trailer(ByteBuf in, int at, int to) {
    int lineEnd = lineEnd(in, at, to, MAX_LINE);
    if (lineEnd < 0) {
      return at;
    }
    trailerBytes += lineEnd + 2 - at;
    if (trailerBytes > MAX_TRAILERS) {
      throw new HeadScanner.Malformed("trailer section too large");
    }
    if (lineEnd == at) {
      state = State.DONE;
    } else {
      byte first = in.getByte(at);
      if (first == ' ' || first == '\t' || in.indexOf(at, lineEnd, (byte) ':') < 0) {
        throw new HeadScanner.Malformed("bad trailer line");
      }
      for (int i = at; i < lineEnd; i++) {
        byte b = in.getByte(i);
        if (b != '\t' && b >= 0 && (b < ' ' || b == 0x7f)) {
          throw new HeadScanner.Malformed("bad trailer line");
        }
      }
    }
    return lineEnd + 2;
  }

  /**
   * Returns the index of the CR of the CRLF ending the line at {@code at}, or -1 when it has not
   * arrived; a bare LF or CR, or a line longer than {@code max}, is refused.
   */
  private static int lineEnd(ByteBuf in, int at, int to, int max) {
    int lf = in.indexOf(at, Math.min(to, at + max), (byte) '\n');
    if (lf < 0) {
      if (to - at >= max) {
        throw new HeadScanner.Malformed("line too long");
      }
      return -1;
    }
    if (lf == at || in.getByte(lf - 1) != '\r' || in.indexOf(at, lf - 1, (byte) '\r') >= 0) {
      throw new HeadScanner.Malformed("line without CRLF");
    }
    return lf - 1;
  }
}
