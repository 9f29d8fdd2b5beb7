package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the requests of one client connection: each becomes a {@link Message.Head} already in the
 * form sent to the backend (hop-by-hop headers out, {@code X-Forwarded-For} with this client's
 * address appended), then {@link Message.Body} parts as they arrive. A request the {@link
 * HeadScanner} refuses becomes its {@link HeadScanner.Malformed} reason, and the rest of the
 * connection's bytes are dropped: where the next request would start is unknown.
 */
final class RequestDecoder extends ByteToMessageDecoder {

  private static final byte[] FORWARDED_FOR = bytes("X-Forwarded-For: ");
  private static final byte[] COMMA = bytes(", ");
  private static final byte[] CRLF = bytes("\r\n");

  private final byte[] clientHost;
  private final HeadScanner scanner = new HeadScanner();
  private final BodyFraming body = new BodyFraming();
  private boolean broken;

  RequestDecoder(String clientHost) {
    this.clientHost = bytes(clientHost);
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
        part(in, out);
      }
    } catch (HeadScanner.Malformed e) {
      broken = true;
      in.skipBytes(in.readableBytes());
      out.add(e);
    }
  }

  private void head(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int end = HeadScanner.headEnd(in);
    if (end < 0) {
      return;
    }
    int from = in.readerIndex();
    ByteBuf head = ctx.alloc().buffer(end - from + 64 + clientHost.length);
    try {
      scanner.request(in, from, end, head);
      head.writeBytes(FORWARDED_FOR);
      if (scanner.hasForwardedFor()) {
        scanner.copyForwardedFor(head);
        head.writeBytes(COMMA);
      }
      head.writeBytes(clientHost).writeBytes(CRLF).writeBytes(CRLF);
    } catch (RuntimeException e) {
      head.release();
      throw e;
    }
    in.readerIndex(end);
    int flags = scanner.flags();
    if ((flags & HeadScanner.CHUNKED) != 0) {
      body.expectChunked();
    } else {
      body.expectLength(Math.max(0, scanner.contentLength()));
    }
    out.add(new Message.Head(head, flags, 0, !body.done()));
  }

  private void part(ByteBuf in, List<Object> out) {
    int n = body.consume(in);
    if (n > 0) {
      out.add(new Message.Body(in.readRetainedSlice(n), body.done()));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
