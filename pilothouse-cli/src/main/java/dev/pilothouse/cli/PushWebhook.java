package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and reads a push webhook delivery, in the shapes GitHub and GitLab send. Pure: headers
 * and the raw body in, a {@link WebhookVerdict} out.
 *
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} keyed with
 *       the shared secret; {@code X-GitHub-Event: push} (or {@code ping} when the hook is made).
 *   <li>GitLab: {@code X-Gitlab-Token: <the secret>}; {@code X-Gitlab-Event: Push Hook} or {@code
 *       Tag Push Hook}.
 * </ul>
 *
 * Both secrets are compared in constant time. The body's {@code ref} must be the ref the sync
 * follows; a push that deletes it ({@code after} all zeros) is ignored, as there is nothing to
 * fetch.
 */
final class PushWebhook {
  static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
  static final String GITHUB_EVENT = "X-GitHub-Event";
  static final String GITLAB_TOKEN = "X-Gitlab-Token";
  static final String GITLAB_EVENT = "X-Gitlab-Event";

  private static final String SHA256_PREFIX = "sha256=";

  private final byte[] secret;
  private final String followedRef;

  /**
   * @param secret the secret shared with GitHub or GitLab (not empty)
   * @param followedRef the full ref the sync follows, e.g. {@code refs/heads/main}
   */
  PushWebhook(String secret, String followedRef) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret must not be empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.followedRef = followedRef;
  }

  /**
   * Decides what a delivery comes to.
   *
   * @param header the request's header values by name (case-insensitive), null when absent
   */
  WebhookVerdict verdict(Function<String, String> header, byte[] body) {
    String signature = header.apply(GITHUB_SIGNATURE);
    String token = header.apply(GITLAB_TOKEN);
    if (signature != null) {
      return githubSignatureMatches(signature, body)
          ? github(header.apply(GITHUB_EVENT), body)
          : WebhookVerdict.Rejected.unauthorized(
              GITHUB_SIGNATURE, "does not match the body signed with the webhook secret");
    }
    if (token != null) {
      return equalInConstantTime(token.getBytes(StandardCharsets.UTF_8), secret)
          ? gitlab(header.apply(GITLAB_EVENT), body)
          : WebhookVerdict.Rejected.unauthorized(GITLAB_TOKEN, "is not the webhook secret");
    }
    return WebhookVerdict.Rejected.unauthorized(
        GITHUB_SIGNATURE,
        "missing: sign deliveries with the webhook secret (GitHub: "
            + GITHUB_SIGNATURE
            + ", GitLab: "
            + GITLAB_TOKEN
            + ")");
  }

  private WebhookVerdict github(String event, byte[] body) {
    if (event == null) {
      return WebhookVerdict.Rejected.badRequest(GITHUB_EVENT, "missing");
    }
    return switch (event.strip().toLowerCase(Locale.ROOT)) {
      case "push" -> push("github", body);
      case "ping" -> new WebhookVerdict.Ignored("ping: the webhook is set up");
      default -> new WebhookVerdict.Ignored("event '" + event + "' is not a push");
    };
  }

  private WebhookVerdict gitlab(String event, byte[] body) {
    if (event == null) {
      return WebhookVerdict.Rejected.badRequest(GITLAB_EVENT, "missing");
    }
    return switch (event.strip()) {
      case "Push Hook", "Tag Push Hook" -> push("gitlab", body);
      default -> new WebhookVerdict.Ignored("event '" + event + "' is not a push");
    };
  }

  private WebhookVerdict push(String provider, byte[] body) {
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      return WebhookVerdict.Rejected.badRequest("(body)", "not JSON");
    }
    if (payload == null || !payload.path("ref").isTextual()) {
      return WebhookVerdict.Rejected.badRequest("ref", "missing: not a push payload");
    }
    String ref = payload.path("ref").asText();
    if (!ref.equals(followedRef)) {
      return new WebhookVerdict.Ignored("push to " + ref + "; this sync follows " + followedRef);
    }
    String after = payload.path("after").asText("");
    if (!after.isEmpty() && after.chars().allMatch(c -> c == '0')) {
      return new WebhookVerdict.Ignored(ref + " was deleted; the flag sets stay as they are");
    }
    return new WebhookVerdict.Accepted(provider, ref, after);
  }

  private boolean githubSignatureMatches(String header, byte[] body) {
    String value = header.strip();
    if (!value.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(SHA256_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, hmacSha256(secret, body));
  }

  /** Compares digests, so neither the content nor the length of the secret shows in the time. */
  private static boolean equalInConstantTime(byte[] a, byte[] b) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] da = sha.digest(a);
      return MessageDigest.isEqual(da, sha.digest(b));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** HMAC-SHA256 of {@code body} keyed with {@code key}, as GitHub signs deliveries. */
  static byte[] hmacSha256(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
