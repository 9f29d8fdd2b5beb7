package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PushWebhookTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final String COMMIT = "4f1c9a7d2b3e8f6a0c5d9e1b7a2f4c6d8e0b1a3c";
  private final PushWebhook webhook = new PushWebhook(SECRET, "refs/heads/main");

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      h.put(pairs[i], pairs[i + 1]);
    }
    return h;
  }

  private WebhookVerdict deliver(Map<String, String> headers, byte[] body) {
    return webhook.verdict(headers::get, body);
  }

  @Test
  void aGithubPushToTheFollowedBranchSignedWithTheSecretIsAccepted() {
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);
    var verdict =
        deliver(
            headers(
                "X-GitHub-Event",
                "push",
                "X-Hub-Signature-256",
                WebhookDeliveries.githubSignature(SECRET, body)),
            body);

    assertThat(verdict).isEqualTo(new WebhookVerdict.Accepted("github", "refs/heads/main", COMMIT));
  }

  @Test
  void githubsOwnDocumentedSignatureExampleVerifies() {
    // docs.github.com "Validating webhook deliveries": secret and payload give this signature.
    PushWebhook docs = new PushWebhook(SECRET, "refs/heads/main");
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    var verdict =
        docs.verdict(
            headers("X-GitHub-Event", "ping", "X-Hub-Signature-256", signature)::get, body);

    assertThat(verdict).isInstanceOf(WebhookVerdict.Ignored.class);
  }

  @Test
  void aGitlabPushHookWithTheSecretTokenIsAccepted() {
    byte[] body = WebhookDeliveries.payload("gitlab", "refs/heads/main", COMMIT);
    var verdict = deliver(headers("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET), body);

    assertThat(verdict).isEqualTo(new WebhookVerdict.Accepted("gitlab", "refs/heads/main", COMMIT));
  }

  @Test
  void aWrongOrMissingSecretIsRefusedWith401NamingTheHeader() {
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);
    String otherSignature = WebhookDeliveries.githubSignature("not the secret", body);

    var wrongGithub =
        deliver(headers("X-GitHub-Event", "push", "X-Hub-Signature-256", otherSignature), body);
    var malformed =
        deliver(headers("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=xyz"), body);
    var sha1Only = deliver(headers("X-GitHub-Event", "push", "X-Hub-Signature", "sha1=abc"), body);
    var wrongGitlab =
        deliver(headers("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET + " "), body);

    assertThat(wrongGithub)
        .isInstanceOfSatisfying(
            WebhookVerdict.Rejected.class,
            r -> assertThat(r.field()).isEqualTo("X-Hub-Signature-256"));
    assertThat(malformed).isEqualTo(wrongGithub);
    assertThat(sha1Only)
        .isInstanceOfSatisfying(
            WebhookVerdict.Rejected.class,
            r -> {
              assertThat(r.status()).isEqualTo(401);
              assertThat(r.detail()).contains("missing").contains("X-Gitlab-Token");
            });
    assertThat(wrongGitlab)
        .isEqualTo(
            WebhookVerdict.Rejected.unauthorized("X-Gitlab-Token", "is not the webhook secret"));
  }

  @Test
  void aBodyChangedAfterSigningIsRefused() {
    Random random = new Random(7);
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);
    String signature = WebhookDeliveries.githubSignature(SECRET, body);
    for (int i = 0; i < 2_000; i++) {
      byte[] tampered = body.clone();
      int at = random.nextInt(tampered.length);
      tampered[at] ^= (byte) (1 << random.nextInt(8));

      var verdict =
          deliver(headers("X-GitHub-Event", "push", "X-Hub-Signature-256", signature), tampered);

      assertThat(verdict).as("flipped a bit at %d", at).isInstanceOf(WebhookVerdict.Rejected.class);
    }
  }

  @Test
  void pushesToOtherRefsPingsAndOtherEventsAreIgnoredWithAReason() {
    byte[] other = WebhookDeliveries.payload("github", "refs/heads/feature/x", COMMIT);
    byte[] tag = WebhookDeliveries.payload("gitlab", "refs/tags/v1", COMMIT);
    byte[] deleted =
        WebhookDeliveries.payload(
            "github", "refs/heads/main", "0000000000000000000000000000000000000000");
    byte[] issue = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

    var otherBranch = github("push", other);
    var tagPush =
        deliver(headers("X-Gitlab-Event", "Tag Push Hook", "X-Gitlab-Token", SECRET), tag);
    var branchDeleted = github("push", deleted);
    var issues = github("issues", issue);

    assertThat(otherBranch)
        .isEqualTo(
            new WebhookVerdict.Ignored(
                "push to refs/heads/feature/x; this sync follows refs/heads/main"));
    assertThat(tagPush)
        .isEqualTo(
            new WebhookVerdict.Ignored("push to refs/tags/v1; this sync follows refs/heads/main"));
    assertThat(branchDeleted).isInstanceOf(WebhookVerdict.Ignored.class);
    assertThat(((WebhookVerdict.Ignored) branchDeleted).reason()).contains("deleted");
    assertThat(issues).isEqualTo(new WebhookVerdict.Ignored("event 'issues' is not a push"));
  }

  @Test
  void aSignedDeliveryThatIsNotAPushPayloadIsABadRequestNamingTheField() {
    var notJson = github("push", "{\"ref\": ".getBytes(StandardCharsets.UTF_8));
    var noRef = github("push", "{\"after\": \"abc\"}".getBytes(StandardCharsets.UTF_8));
    byte[] body = WebhookDeliveries.payload("github", "refs/heads/main", COMMIT);
    var noEvent =
        deliver(
            headers("X-Hub-Signature-256", WebhookDeliveries.githubSignature(SECRET, body)), body);

    assertThat(notJson).isEqualTo(WebhookVerdict.Rejected.badRequest("(body)", "not JSON"));
    assertThat(noRef)
        .isEqualTo(WebhookVerdict.Rejected.badRequest("ref", "missing: not a push payload"));
    assertThat(noEvent).isEqualTo(WebhookVerdict.Rejected.badRequest("X-GitHub-Event", "missing"));
  }

  private WebhookVerdict github(String event, byte[] body) {
    return deliver(
        headers(
            "X-GitHub-Event",
            event,
            "X-Hub-Signature-256",
            WebhookDeliveries.githubSignature(SECRET, body)),
        body);
  }
}
