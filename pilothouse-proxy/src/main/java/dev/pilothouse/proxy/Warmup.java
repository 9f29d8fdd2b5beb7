package dev.pilothouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Runs one request and one response through the HTTP codecs in memory when the proxy starts, so the
 * first real request does not pay for loading and initialising them (hundreds of milliseconds on a
 * cold JVM, which would show as the canary's p99 in a short analysis window).
 */
final class Warmup {
  private Warmup() {}

  static void codecs() {
    EmbeddedChannel server = new EmbeddedChannel(new HttpServerCodec());
    server.writeInbound(bytes("GET / HTTP/1.1\r\nHost: warmup\r\n\r\n"));
    drain(server.inboundMessages());
    server.writeOutbound(
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, bytes("ok")));
    server.finishAndReleaseAll();
    EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec());
    client.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
    client.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    drain(client.inboundMessages());
    client.finishAndReleaseAll();
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  private static void drain(java.util.Queue<Object> messages) {
    Object m;
    while ((m = messages.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }
}
