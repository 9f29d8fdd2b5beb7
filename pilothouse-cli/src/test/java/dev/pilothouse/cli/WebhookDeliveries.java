package dev.pilothouse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Push webhook deliveries as GitHub and GitLab send them: the payloads under {@code
 * src/test/resources/webhooks} (full push events, ref and commit filled in) with their headers.
 * Public so the server's end-to-end tests can post the same deliveries to a running sync.
 */
public final class WebhookDeliveries {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WebhookDeliveries() {}

  /** A GitHub or GitLab push event body for {@code ref} now at {@code commit}. */
  public static byte[] payload(String provider, String ref, String commit) {
    String name = "/webhooks/" + provider + "-push.json";
    try (var in = WebhookDeliveries.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("@REF@", ref).replace("@AFTER@", commit).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GitHub's {@code X-Hub-Signature-256} value for a body and secret. */
  public static String githubSignature(String secret, byte[] body) {
    return "sha256="
        + HexFormat.of()
            .formatHex(PushWebhook.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /** Posts a GitHub {@code push} delivery signed with {@code secret}. */
  public static HttpResponse<String> github(String url, String secret, byte[] body) {
    return post(
        HttpRequest.newBuilder(URI.create(url))
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
            .header("X-GitHub-Hook-ID", "292430182")
            .header("User-Agent", "GitHub-Hookshot/044aadd")
            .header("X-Hub-Signature-256", githubSignature(secret, body)),
        body);
  }

  /** Posts a GitLab {@code Push Hook} delivery carrying {@code token}. */
  public static HttpResponse<String> gitlab(String url, String token, byte[] body) {
    return post(
        HttpRequest.newBuilder(URI.create(url))
            .header("X-Gitlab-Event", "Push Hook")
            .header("X-Gitlab-Token", token)
            .header("X-Gitlab-Instance", "https://gitlab.example.com")
            .header("X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e")
            .header("User-Agent", "GitLab/17.6.0"),
        body);
  }

  /** Posts {@code body} as JSON with the given headers. */
  public static HttpResponse<String> post(HttpRequest.Builder request, byte[] body) {
    try {
      return HTTP.send(
          request
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
