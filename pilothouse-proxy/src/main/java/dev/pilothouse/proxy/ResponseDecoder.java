package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/**
 * Frames the responses on one backend connection: each becomes a {@link Message.Head} (status line
 * and end-to-end headers, without the closing blank line) and then {@link Message.Body} parts. A
 * body with neither length nor chunking ends when the backend closes, which ends it with an empty
 * last part. A response the {@link HeadScanner} refuses closes the connection, so the exchange
 * answers 502 (or is cut, if its answer had started).
 */
final class ResponseDecoder extends FramingDecoder {

  /** Room left after a head for the lines the proxy may add. */
  private static final int HEADROOM = 64;

  private boolean headRequest;

  /** Tells the decoder whether the request now sent was a {@code HEAD} (its answer has no body). */
  void headRequest(boolean head) {
    headRequest = head;
  }

  @Override
  protected void head(ChannelHandlerContext ctx, ByteBuf in, int end, List<Object> out) {
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
  protected void refused(
      ChannelHandlerContext ctx, HeadScanner.Malformed reason, List<Object> out) {
    ctx.close(); // the backend handler sees the close: 502, or a cut answer
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    if (body.endsAtClose() && !broken()) {
      body.expectLength(0);
      out.add(new Message.Body(Unpooled.EMPTY_BUFFER, true));
    }
  }
}
