package dev.pilothouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy's own request framing against Netty's HTTP decoder, the codec it replaced: on random
 * requests (valid and broken, pipelined, split at random points) it must either refuse (a 400), or
 * forward requests that Netty decodes exactly as it decodes the client's, less the hop-by-hop
 * headers and with {@code X-Forwarded-For} appended. It must never forward what Netty refuses, and
 * never refuse a request built valid.
 */
class RequestDecoderTest {

  private static final String CLIENT = "10.1.2.3";
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "x-forwarded-for");

  @Test
  void randomRequestsAreFramedLikeNettyFramesThemOrRefused() {
    int refusedValid = 0;
    int accepted = 0;
    for (int seed = 0; seed < 4_000; seed++) {
      Random random = new Random(seed);
      Generated input = RequestGenerator.requests(random);
      Outcome ours = ours(input.bytes(), random);
      List<Decoded> netty = netty(input.bytes());
      List<Decoded> forwarded = netty(ours.forwarded());
      String context = "seed " + seed + ":\n" + input.text();

      assertThat(ours.refused() && input.valid()).as(context).isFalse();
      refusedValid += ours.refused() && input.valid() ? 1 : 0;
      int count = ours.complete(); // a request refused mid-body is cut at the backend, not framed
      assertThat(forwarded.size()).as(context).isBetween(count, count + 1);
      for (int i = 0; i < count; i++) {
        Decoded original = netty.get(i);
        assertThat(original.failed()).as(context + "\nNetty refuses request " + i).isFalse();
        assertThat(forwarded.get(i)).as(context).isEqualTo(original.forwardedForm(CLIENT));
        accepted++;
      }
      if (!ours.refused()) {
        assertThat(netty).as(context).hasSize(count);
      }
    }
    assertThat(refusedValid).isZero();
    assertThat(accepted).isGreaterThan(3_000); // the generator mostly builds valid requests
  }

  @Test
  void hopByHopHeadersAndThoseConnectionNamesAreDroppedAndForwardedForIsAppended() {
    Outcome ours =
        ours(
            ascii(
                "GET /a?b=1 HTTP/1.0\r\nHost: web\r\nConnection: keep-alive, X-Secret\r\n"
                    + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Kept: k\r\n"
                    + "X-Forwarded-For: 1.1.1.1\r\n\r\n"),
            new Random(1));

    assertThat(new String(ours.forwarded(), StandardCharsets.US_ASCII))
        .isEqualTo(
            "GET /a?b=1 HTTP/1.1\r\nHost: web\r\nX-Kept: k\r\n"
                + "X-Forwarded-For: 1.1.1.1, 10.1.2.3\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A: b\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nX-A : b\r\n\r\n",
        "GET / HTTP/1.1\nHost: x\n\n",
        "GET / HTTP/2.0\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n"
      })
  void aHeadWithAmbiguousOrBrokenFramingIsRefusedBeforeAnythingIsForwarded(String request) {
    Outcome ours = ours(ascii(request), new Random(2));

    assertThat(ours.refused()).isTrue();
    assertThat(ours.heads()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "zz\r\nabc\r\n0\r\n\r\n",
        "3\r\nabcX\r\n0\r\n\r\n",
        "3 x\r\nabc\r\n0\r\n\r\n",
        "10000000000000000\r\n",
        "3\nabc\r\n0\r\n\r\n",
        "0\r\n folded: trailer\r\n\r\n"
      })
  void aChunkedBodyWithBrokenFramingIsRefusedWhereItBreaks(String body) {
    Outcome ours =
        ours(ascii("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body), new Random(2));

    assertThat(ours.refused()).isTrue();
    assertThat(ours.heads()).isEqualTo(1);
  }

  @Test
  void aChunkedBodyIsForwardedWithItsFramingUnchanged() {
    String body = "3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n";
    Outcome ours =
        ours(
            ascii(
                "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + body
                    + "GET /n HTTP/1.1\r\n\r\n"),
            new Random(3));

    assertThat(ours.heads()).isEqualTo(2);
    assertThat(new String(ours.forwarded(), StandardCharsets.US_ASCII))
        .contains("Transfer-Encoding: chunked\r\nX-Forwarded-For: 10.1.2.3\r\n\r\n" + body)
        .endsWith("GET /n HTTP/1.1\r\nX-Forwarded-For: 10.1.2.3\r\n\r\n");
  }

  /** What our decoder made of a byte stream fed in random slices. */
  record Outcome(byte[] forwarded, int heads, int complete, boolean refused) {}

  static Outcome ours(byte[] input, Random random) {
    EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(CLIENT));
    ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
    int heads = 0;
    int complete = 0;
    boolean refused = false;
    int at = 0;
    while (at < input.length) {
      int n = 1 + random.nextInt(Math.min(input.length - at, random.nextBoolean() ? 8 : 400));
      channel.writeInbound(Unpooled.wrappedBuffer(input, at, n));
      at += n;
      Object message;
      while ((message = channel.readInbound()) != null) {
        if (message instanceof HeadScanner.Malformed) {
          refused = true;
        } else {
          Message part = (Message) message;
          heads += part instanceof Message.Head ? 1 : 0;
          boolean ends =
              part instanceof Message.Head head ? !head.hasBody() : ((Message.Body) part).last();
          complete += ends ? 1 : 0;
          forwarded.writeBytes(ByteBufs.bytes(part.content()));
          part.release();
        }
      }
    }
    channel.finishAndReleaseAll();
    return new Outcome(forwarded.toByteArray(), heads, complete, refused);
  }

  /** A request as Netty decodes it: what must survive the proxy. */
  record Decoded(
      String method,
      String uri,
      String version,
      List<Map.Entry<String, String>> headers,
      String body,
      List<Map.Entry<String, String>> trailers,
      boolean failed) {

    /** This request as the proxy should forward it. */
    Decoded forwardedForm(String client) {
      List<Map.Entry<String, String>> kept = new ArrayList<>();
      List<String> named = new ArrayList<>();
      String forwardedFor = null;
      for (Map.Entry<String, String> header : headers) {
        if (header.getKey().equals("connection")) {
          for (String token : header.getValue().split(",")) {
            named.add(token.strip().toLowerCase(Locale.ROOT));
          }
        }
        if (header.getKey().equals("x-forwarded-for") && forwardedFor == null) {
          forwardedFor = header.getValue();
        }
      }
      for (Map.Entry<String, String> header : headers) {
        String name = header.getKey();
        boolean framing = name.equals("content-length") || name.equals("transfer-encoding");
        if (!HOP_BY_HOP.contains(name) && (framing || !named.contains(name))) {
          kept.add(header);
        }
      }
      String appended =
          forwardedFor == null || forwardedFor.isBlank() ? client : forwardedFor + ", " + client;
      kept.add(Map.entry("x-forwarded-for", appended));
      return new Decoded(method, uri, "HTTP/1.1", kept, body, trailers, failed);
    }
  }

  static List<Decoded> netty(byte[] input) {
    HttpDecoderConfig config =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(HeadScanner.MAX_HEAD)
            .setMaxHeaderSize(HeadScanner.MAX_HEAD)
            .setMaxChunkSize(1 << 20);
    EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(config));
    channel.writeInbound(Unpooled.wrappedBuffer(input));
    List<Decoded> requests = new ArrayList<>();
    HttpRequest request = null;
    StringBuilder body = new StringBuilder();
    boolean failed = false;
    Object message;
    while ((message = channel.readInbound()) != null) {
      HttpObject object = (HttpObject) message;
      failed |= object.decoderResult().isFailure();
      if (object instanceof HttpRequest r) {
        request = r;
        body.setLength(0);
      }
      if (object instanceof HttpContent content) {
        body.append(content.content().toString(StandardCharsets.ISO_8859_1));
      }
      if (object instanceof LastHttpContent last && request != null) {
        requests.add(decoded(request, body.toString(), entries(last.trailingHeaders()), failed));
        request = null;
      }
      ReferenceCountUtil.release(message);
    }
    if (request != null || failed) {
      requests.add(
          request == null
              ? new Decoded("", "", "", List.of(), "", List.of(), true)
              : decoded(request, body.toString(), List.of(), true));
    }
    channel.finishAndReleaseAll();
    return requests;
  }

  private static Decoded decoded(
      HttpRequest request, String body, List<Map.Entry<String, String>> trailers, boolean failed) {
    return new Decoded(
        request.method().name(),
        request.uri(),
        request.protocolVersion().text(),
        entries(request.headers()),
        body,
        trailers,
        failed || request.decoderResult().isFailure());
  }

  private static List<Map.Entry<String, String>> entries(
      io.netty.handler.codec.http.HttpHeaders h) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    h.forEach(e -> entries.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue())));
    return entries;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Copies a buffer's readable bytes. */
  static final class ByteBufs {
    private ByteBufs() {}

    static byte[] bytes(ByteBuf buf) {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.getBytes(buf.readerIndex(), bytes);
      return bytes;
    }
  }

  /** Test input: bytes, readable text for failure messages, and whether it was built valid. */
  record Generated(byte[] bytes, String text, boolean valid) {}
}
