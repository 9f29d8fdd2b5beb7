package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the requests of one client connection: each becomes a {@link Message.Head} already in the
 * form sent to the backend (hop-by-hop headers out, {@code X-Forwarded-For} with this client's
 * address appended), then {@link Message.Body} parts as they arrive. A request the {@link
 * HeadScanner} refuses becomes its {@link HeadScanner.Malformed} reason (the handler answers 400),
 * and the rest of the connection's bytes are dropped.
 */
final class RequestDecoder extends FramingDecoder {

  private static final byte[] FORWARDED_FOR = bytes("X-Forwarded-For: ");
  private static final byte[] COMMA = bytes(", ");
  private static final byte[] CRLF = bytes("\r\n");

  private final byte[] clientHost;

  RequestDecoder(String clientHost) {
    this.clientHost = bytes(clientHost);
  }

  @Override
  protected void head(ChannelHandlerContext ctx, ByteBuf in, int end, List<Object> out) {
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

  @Override
  protected void refused(
      ChannelHandlerContext ctx, HeadScanner.Malformed reason, List<Object> out) {
    out.add(reason);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
