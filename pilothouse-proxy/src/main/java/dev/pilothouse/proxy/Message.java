package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * What the proxy's decoders hand on: a message head ready to forward, or a run of body bytes
 * forwarded as they came. The bytes are the holder's content; whoever writes them passes them on.
 */
abstract sealed class Message extends DefaultByteBufHolder {

  private Message(ByteBuf bytes) {
    super(bytes);
  }

  /**
   * A request or response head in its forwarded form: the start line and end-to-end headers, and
   * for a request also its {@code X-Forwarded-For} and the closing blank line. A response head ends
   * before its blank line, so the proxy can add {@code Connection} or {@code Transfer-Encoding}.
   *
   * @see HeadScanner for the flags
   */
  static final class Head extends Message {
    private final int flags;
    private final int status;
    private final boolean hasBody;

    Head(ByteBuf bytes, int flags, int status, boolean hasBody) {
      super(bytes);
      this.flags = flags;
      this.status = status;
      this.hasBody = hasBody;
    }

    /** The {@link HeadScanner} flags. */
    int flags() {
      return flags;
    }

    /** The response status code (0 for a request). */
    int status() {
      return status;
    }

    /** Whether body parts follow (the last one says {@link Body#last()}). */
    boolean hasBody() {
      return hasBody;
    }
  }

  /** Body bytes in their wire framing; {@code last} ends the body. */
  static final class Body extends Message {
    private final boolean last;

    Body(ByteBuf bytes, boolean last) {
      super(bytes);
      this.last = last;
    }

    boolean last() {
      return last;
    }
  }
}
