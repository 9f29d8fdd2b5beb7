package dev.pilothouse.core.resource;

import dev.pilothouse.core.error.ValidationException;
import java.util.regex.Pattern;

/** Kubernetes syntax rules for names, label keys and label values. */
public final class Labels {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private Labels() {}

  /** Object names: DNS-1123 subdomain, at most 253 characters. */
  public static void requireValidName(String field, String name) {
    if (name.isEmpty()) {
      throw ValidationException.of(field, "is required");
    }
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw ValidationException.of(
          field,
          "'"
              + name
              + "' must be lower-case letters, digits, '-' or '.', start and end with a letter"
              + " or digit, at most 253 characters");
    }
  }

  /** Namespace names: DNS-1123 label, at most 63 characters. */
  public static void requireValidNamespace(String field, String namespace) {
    if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
      throw ValidationException.of(
          field,
          "'"
              + namespace
              + "' must be lower-case letters, digits or '-', start and end with a letter or"
              + " digit, at most 63 characters");
    }
  }

  /** Label keys: optional DNS-subdomain prefix and '/', then a name part of at most 63. */
  public static void requireValidKey(String field, String key) {
    int slash = key.indexOf('/');
    String prefix = slash >= 0 ? key.substring(0, slash) : "";
    String name = slash >= 0 ? key.substring(slash + 1) : key;
    boolean prefixOk =
        slash < 0 || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
    if (!prefixOk || name.length() > 63 || !NAME_PART.matcher(name).matches()) {
      throw ValidationException.of(field, "'" + key + "' is not a valid label key");
    }
  }

  /** Label values: empty, or a name part of at most 63 characters. */
  public static void requireValidValue(String field, String value) {
    if (!value.isEmpty() && (value.length() > 63 || !NAME_PART.matcher(value).matches())) {
      throw ValidationException.of(field, "'" + value + "' is not a valid label value");
    }
  }
}
