package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * What the request and response decoders share: a head, then body parts as far as {@link
 * BodyFraming} says, then the next head. After a message the {@link HeadScanner} refuses, where the
 * next one would start is unknown, so the rest of the connection's bytes are dropped.
 */
abstract class FramingDecoder extends ByteToMessageDecoder {

  /** The body of the message being decoded; done between messages. */
  protected final BodyFraming body = new BodyFraming();

  /** Scans messages' heads; one per connection. */
  protected final HeadScanner scanner = new HeadScanner();

  private boolean broken;

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (body.done()) {
        int end = HeadScanner.headEnd(in);
        if (end >= 0) {
          head(ctx, in, end, out);
        }
      } else {
        int n = body.consume(in);
        if (n > 0) {
          out.add(new Message.Body(in.readRetainedSlice(n), body.done()));
        }
      }
    } catch (HeadScanner.Malformed e) {
      broken = true;
      in.skipBytes(in.readableBytes());
      refused(ctx, e, out);
    }
  }

  /** Whether a message was refused (nothing more is decoded). */
  protected final boolean broken() {
    return broken;
  }

  /**
   * Decodes the head in {@code in} from its reader index to {@code end} (just past its blank line),
   * moves the reader index to {@code end}, sets up {@link #body} and adds a {@link Message.Head}.
   */
  protected abstract void head(ChannelHandlerContext ctx, ByteBuf in, int end, List<Object> out);

  /** Reacts to a refused message. */
  protected abstract void refused(
      ChannelHandlerContext ctx, HeadScanner.Malformed reason, List<Object> out);
}
