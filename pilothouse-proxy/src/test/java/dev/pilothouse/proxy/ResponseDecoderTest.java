package dev.pilothouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the proxy frames what a backend answers. */
class ResponseDecoderTest {

  private final ResponseDecoder decoder = new ResponseDecoder();
  private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

  @Test
  void aLengthFramedResponseLosesItsHopByHopHeadersAndKeepsItsBody() {
    List<String> parts =
        feed(
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\nX-Version: v1\r\n\r\nokHTTP/1.1 404 Nope\r\n"
                + "Content-Length: 0\r\n\r\n");

    assertThat(parts)
        .containsExactly(
            "head 200 HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Version: v1\r\n",
            "last ok",
            "head 404 HTTP/1.1 404 Nope\r\nContent-Length: 0\r\n");
  }

  @Test
  void theAnswerToAHeadRequestHasNoBodyWhateverItsLengthSays() {
    decoder.headRequest(true);

    List<String> parts = feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");

    assertThat(parts).containsExactly("head 200 HTTP/1.1 200 OK\r\nContent-Length: 5\r\n");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aChunkedBodyKeepsItsChunksAndItsTrailers() {
    List<String> parts =
        feed(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\n0\r\nX-T: 1\r\n\r\n");

    assertThat(parts)
        .containsExactly(
            "head 200 HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n",
            "last 4\r\nabcd\r\n0\r\nX-T: 1\r\n\r\n");
  }

  @Test
  void aBodyWithoutLengthEndsWhenTheBackendCloses() {
    List<String> parts = feed("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nsome bytes");
    channel.finish();
    parts.addAll(read());

    assertThat(parts).containsExactly("head 200 HTTP/1.1 200 OK\r\n", "part some bytes", "last ");
  }

  @Test
  void anInterimResponseIsFramedOnItsOwnBeforeTheFinalOne() {
    List<String> parts =
        feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\n");

    assertThat(parts)
        .containsExactly(
            "head 100 HTTP/1.1 100 Continue\r\n", "head 204 HTTP/1.1 204 No Content\r\nX: y\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 2OO OK\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
        "ICY 200 OK\r\n\r\n"
      })
  void aBrokenResponseClosesTheBackendConnection(String response) {
    List<String> parts = feed(response);

    assertThat(parts).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  private List<String> feed(String bytes) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    return read();
  }

  private List<String> read() {
    List<String> parts = new ArrayList<>();
    Object message;
    while ((message = channel.readInbound()) != null) {
      Message part = (Message) message;
      String text = part.content().toString(StandardCharsets.ISO_8859_1);
      parts.add(
          part instanceof Message.Head head
              ? "head " + head.status() + " " + text
              : (((Message.Body) part).last() ? "last " : "part ") + text);
      part.release();
    }
    return parts;
  }
}
