package dev.pilothouse.core.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API token secrets: {@code ph_} followed by 43 URL-safe characters (256 random bits). Only the
 * SHA-256 of a secret is stored; with this much entropy a slow hash adds nothing.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Tokens() {}

  /** A new random secret. */
  public static String newSecret() {
    StringBuilder sb = new StringBuilder("ph_");
    for (int i = 0; i < 43; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** The stored form of a secret: lower-case hex SHA-256. */
  public static String hash(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
