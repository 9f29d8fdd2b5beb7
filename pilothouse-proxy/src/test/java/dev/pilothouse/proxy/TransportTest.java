package dev.pilothouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport choice; WeightedProxyTest covers the proxy's behaviour on the default one. */
class TransportTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void clearProperty() {
    System.clearProperty(Transport.PROPERTY);
  }

  @Test
  void theDefaultIsEpollWhereAvailableElseNio() throws Exception {
    String expected = Epoll.isAvailable() ? "epoll" : "nio";

    try (WeightedProxy proxy = WeightedProxy.start(RouteTable.empty(), defaults(), metrics())) {
      assertThat(proxy.transport()).isEqualTo(expected);
      assertThat(proxy.nativeTransport()).isEqualTo(!expected.equals("nio"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "io_uring"})
  void aForcedTransportProxiesGetsAndStreamedBodies(String kind) throws Exception {
    assumeTrue(!kind.equals("io_uring") || IoUring.isAvailable(), "io_uring needs kernel support");
    System.setProperty(Transport.PROPERTY, kind);
    try (TestBackend backend = TestBackend.answering("stable");
        WeightedProxy proxy =
            WeightedProxy.start(
                RouteTable.builder()
                    .listener(new Listener("web", 0), List.of(backend.backend(1)))
                    .build(),
                defaults(),
                metrics())) {
      String base = "http://127.0.0.1:" + proxy.port("web").orElseThrow();
      HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(base + "/x")).build());
      HttpResponse<String> echo =
          send(
              HttpRequest.newBuilder(URI.create(base + "/echo"))
                  .POST(HttpRequest.BodyPublishers.ofString("y".repeat(200_000)))
                  .build());

      assertThat(proxy.transport()).isEqualTo(kind);
      assertThat(get.body()).isEqualTo("stable /x");
      assertThat(echo.body()).hasSize(200_000);
    }
  }

  @Test
  void anUnknownForcedTransportIsRefusedByName() {
    System.setProperty(Transport.PROPERTY, "kqueue");

    assertThatThrownBy(() -> WeightedProxy.start(RouteTable.empty(), defaults(), metrics()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pilothouse.proxy.transport")
        .hasMessageContaining("kqueue");
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static ProxyOptions defaults() {
    return ProxyOptions.defaults();
  }

  private static ProxyMetrics metrics() {
    return new ProxyMetrics();
  }
}
