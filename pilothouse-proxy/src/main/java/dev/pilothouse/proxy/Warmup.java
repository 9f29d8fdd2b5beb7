package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Queue;

/**
 * Runs one request and one response through the proxy's decoders in memory when the proxy starts,
 * so the first real request does not pay for loading and initialising them and Netty's buffer and
 * pipeline classes (which on a cold JVM would show as the canary's p99 in a short window).
 */
final class Warmup {
  private Warmup() {}

  static void codecs() {
    EmbeddedChannel server = new EmbeddedChannel(new RequestDecoder("127.0.0.1"));
    server.writeInbound(bytes("GET / HTTP/1.1\r\nHost: warmup\r\n\r\n"));
    drain(server.inboundMessages());
    server.finishAndReleaseAll();
    EmbeddedChannel client = new EmbeddedChannel(new ResponseDecoder());
    client.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    drain(client.inboundMessages());
    client.finishAndReleaseAll();
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  private static void drain(Queue<Object> messages) {
    Object m;
    while ((m = messages.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }
}
