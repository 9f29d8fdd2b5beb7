package dev.pilothouse.core.flags;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x86 32-bit with seed 0, the hash flagd's {@code fractional} uses. Written out (it is
 * short) because no maintained implementation is on the core classpath.
 */
final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /** The hash of {@code data} as a signed int; callers treat it as unsigned. */
  static int hash32(byte[] data) {
    int h = 0;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int k =
          (data[4 * i] & 0xff)
              | (data[4 * i + 1] & 0xff) << 8
              | (data[4 * i + 2] & 0xff) << 16
              | (data[4 * i + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= data[tail] & 0xff;
        h ^= mixK(k);
      // fall through
      default:
        break;
    }
    return fmix(h ^ data.length);
  }

  /**
   * The hash of the UTF-8 bytes of {@code prefix + suffix}, without building either when both are
   * ASCII (the usual flag key and targeting key).
   */
  static int hash32(String prefix, String suffix) {
    if (!isAscii(prefix) || !isAscii(suffix)) {
      return hash32((prefix + suffix).getBytes(StandardCharsets.UTF_8));
    }
    int length = prefix.length() + suffix.length();
    int h = 0;
    int blocks = length / 4;
    for (int i = 0; i < blocks; i++) {
      int b = 4 * i;
      int k =
          charAt(prefix, suffix, b)
              | charAt(prefix, suffix, b + 1) << 8
              | charAt(prefix, suffix, b + 2) << 16
              | charAt(prefix, suffix, b + 3) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int k = 0;
    for (int i = length - 1; i >= blocks * 4; i--) {
      k = k << 8 | charAt(prefix, suffix, i);
    }
    if ((length & 3) != 0) {
      h ^= mixK(k);
    }
    return fmix(h ^ length);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static int charAt(String prefix, String suffix, int i) {
    return i < prefix.length() ? prefix.charAt(i) : suffix.charAt(i - prefix.length());
  }

  private static int mixK(int k) {
    return Integer.rotateLeft(k * C1, 15) * C2;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
