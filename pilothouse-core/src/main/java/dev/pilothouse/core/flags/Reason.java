package dev.pilothouse.core.flags;

/** Why an evaluation produced its value, named as OpenFeature and flagd name them. */
public enum Reason {
  /** No targeting rule: the default variant, the same for every context (cacheable). */
  STATIC,
  /** The targeting rule chose a variant. */
  TARGETING_MATCH,
  /** The targeting rule returned null, or there was no default variant: the code default. */
  DEFAULT,
  /** The flag is disabled; the caller's code default applies. */
  DISABLED,
  /** The evaluation failed; see the error code. */
  ERROR
}
