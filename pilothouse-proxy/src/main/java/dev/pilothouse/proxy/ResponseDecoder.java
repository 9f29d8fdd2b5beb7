package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames the responses on one backend connection: each becomes a {@link Message.Head} (status line
 * and end-to-end headers, without the closing blank line) and then {@link Message.Body} parts. A
 * body with neither length nor chunking ends when the backend closes, which ends it with an empty
 * last part. A response the {@link HeadScanner} refuses closes the connection, so the exchange
 * answers 502 (or is cut, if its answer had started).
 */
final class ResponseDecoder extends ByteToMessageDecoder {

  /** Room left after a head for the lines the proxy may add. */
  private static final int HEADROOM = 64;

  private final HeadScanner scanner = new HeadScanner();
  private final BodyFraming body = new BodyFraming();
  private boolean headRequest;
  private boolean broken;

  /** Tells the decoder whether the request now sent was a {@code HEAD} (its answer has no body). */
  void headRequest(boolean head) {
    headRequest = head;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (body.done()) {
        head(ctx, in, out);
      } else {
        int n = body.consume(in);
        if (n > 0) {
          out.add(new Message.Body(in.readRetainedSlice(n), body.done()));
        }
      }
    } catch (HeadScanner.Malformed e) {
      broken = true; // where the next response starts is unknown: the connection is done
      in.skipBytes(in.readableBytes());
      ctx.close();
    }
  }

  private void head(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int end = HeadScanner.headEnd(in);
    if (end < 0) {
      return;
    }
    int from = in.readerIndex();
    ByteBuf head = ctx.alloc().buffer(end - from + HEADROOM);
    try {
      scanner.response(in, from, end, head);
    } catch (RuntimeException e) {
      head.release();
      throw e;
    }
    in.readerIndex(end);
    int status = scanner.status();
    int flags = scanner.flags();
    if (headRequest || status < 200 || status == 204 || status == 304) {
      body.expectLength(0);
    } else if ((flags & HeadScanner.CHUNKED) != 0) {
      body.expectChunked();
    } else if ((flags & HeadScanner.CONTENT_LENGTH) != 0) {
      body.expectLength(scanner.contentLength());
    } else {
      body.expectUntilClose();
    }
    out.add(new Message.Head(head, flags, status, !body.done()));
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    if (body.endsAtClose() && !broken) {
      body.expectLength(0);
      out.add(new Message.Body(Unpooled.EMPTY_BUFFER, true));
    }
  }
}
