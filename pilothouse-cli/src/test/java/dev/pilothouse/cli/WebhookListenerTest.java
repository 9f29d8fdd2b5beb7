package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoint over real HTTP on loopback. */
class WebhookListenerTest {
  private static final String SECRET = "s3cret-for-tests";
  private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private final SyncTrigger trigger = new SyncTrigger();
  private final StringWriter log = new StringWriter();
  private WebhookListener listener;
  private String url;

  @BeforeEach
  void start() {
    listener =
        WebhookListener.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new PushWebhook(SECRET, "refs/heads/main"),
            trigger,
            new PrintWriter(log, true));
    url = "http://127.0.0.1:" + listener.port() + WebhookListener.PATH;
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  @Test
  void anAcceptedPushIsAnswered202AndQueuesOnePassForABurst() throws Exception {
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);

    HttpResponse<String> first = WebhookDeliveries.github(url, SECRET, body);
    HttpResponse<String> second = WebhookDeliveries.github(url, SECRET, body);

    assertThat(first.statusCode()).isEqualTo(202);
    JsonNode answer = Json.parse(first.body());
    assertThat(answer.path("status").asText()).isEqualTo("accepted");
    assertThat(answer.path("commit").asText()).isEqualTo(COMMIT);
    assertThat(answer.path("queued").asBoolean()).isTrue();
    assertThat(Json.parse(second.body()).path("queued").asBoolean()).isFalse();
    assertThat(trigger.pending()).isTrue();
    assertThat(log.toString()).contains("github push to refs/heads/main (9fceb02d0ae5)");
  }

  @Test
  void aWrongSignatureIsA401ProblemNamingTheHeaderAndTriggersNothing() {
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);

    HttpResponse<String> refused = WebhookDeliveries.github(url, "guessed", body);
    HttpResponse<String> tokenless =
        WebhookDeliveries.post(
            HttpRequest.newBuilder(URI.create(url)).header("X-Gitlab-Event", "Push Hook"), body);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.parse(refused.body());
    assertThat(problem.path("status").asInt()).isEqualTo(401);
    assertThat(problem.path("errors").get(0).path("field").asText())
        .isEqualTo("X-Hub-Signature-256");
    assertThat(tokenless.statusCode()).isEqualTo(401);
    assertThat(tokenless.body()).contains("X-Gitlab-Token");
    assertThat(trigger.pending()).isFalse();
  }

  @Test
  void aPushToAnotherBranchIsAnswered202WithTheReasonAndTriggersNothing() {
    byte[] body = WebhookDeliveries.payload("gitlab", "refs/heads/dev", COMMIT);

    HttpResponse<String> ignored = WebhookDeliveries.gitlab(url, SECRET, body);

    assertThat(ignored.statusCode()).isEqualTo(202);
    JsonNode answer = Json.parse(ignored.body());
    assertThat(answer.path("status").asText()).isEqualTo("ignored");
    assertThat(answer.path("reason").asText())
        .contains("refs/heads/dev")
        .contains("refs/heads/main");
    assertThat(trigger.pending()).isFalse();
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere =
        WebhookDeliveries.post(
            HttpRequest.newBuilder(URI.create(url.replace("/hooks/git", "/hooks"))),
            "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
  }

  @Test
  void listenAddressesAreReadAsPortOrHostAndPort() {
    assertThat(WebhookListener.address("8095").getPort()).isEqualTo(8095);
    assertThat(WebhookListener.address(":8095").getAddress().isAnyLocalAddress()).isTrue();
    assertThat(WebhookListener.address("127.0.0.1:0").getAddress().isLoopbackAddress()).isTrue();
    assertThat(WebhookListener.address("[::1]:9000").getPort()).isEqualTo(9000);
    for (String bad : new String[] {"", "http", "70000", "host:", "::1:80", "-1"}) {
      assertThatThrownBy(() -> WebhookListener.address(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
          .hasMessageContaining("--webhook-listen");
    }
  }
}
