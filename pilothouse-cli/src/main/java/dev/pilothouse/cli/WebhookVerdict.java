package dev.pilothouse.cli;

/**
 * What a Git push webhook delivery comes to. {@link PushWebhook} decides; {@link WebhookListener}
 * turns each kind into its HTTP answer, in one place.
 */
sealed interface WebhookVerdict {
  /**
   * A verified push to the ref the sync follows: fetch and apply now.
   *
   * @param provider {@code github} or {@code gitlab}
   * @param ref the pushed ref, e.g. {@code refs/heads/main}
   * @param commit the commit the ref now points at ({@code after})
   */
  record Accepted(String provider, String ref, String commit) implements WebhookVerdict {}

  /**
   * A verified delivery that needs no sync (another ref, a ping, another event): answered 202 so
   * the provider does not mark the hook as failing.
   */
  record Ignored(String reason) implements WebhookVerdict {}

  /**
   * A delivery that is not verified (401) or not readable (400).
   *
   * @param field the header or body field at fault, e.g. {@code X-Hub-Signature-256}
   */
  record Rejected(int status, String field, String detail) implements WebhookVerdict {
    static Rejected unauthorized(String header, String detail) {
      return new Rejected(401, header, detail);
    }

    static Rejected badRequest(String field, String detail) {
      return new Rejected(400, field, detail);
    }
  }
}
