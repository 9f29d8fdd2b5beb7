package dev.pilothouse.core.flags;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A semantic version as flagd's {@code sem_ver} reads it: an optional {@code v}/{@code V} prefix,
 * one to three numeric parts (missing ones are 0), an optional pre-release, and build metadata that
 * is ignored in comparisons.
 *
 * @param preRelease dot-separated identifiers, empty for a release
 */
record SemanticVersion(long major, long minor, long patch, List<String> preRelease)
    implements Comparable<SemanticVersion> {
  private static final Pattern FORMAT =
      Pattern.compile(
          "[vV]?(0|[1-9]\\d{0,17})(?:\\.(0|[1-9]\\d{0,17}))?(?:\\.(0|[1-9]\\d{0,17}))?"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  /** Parses a version string, or a number from the context (1 reads as "1", 1.2 as "1.2"). */
  static Optional<SemanticVersion> parse(Object value) {
    String text =
        switch (value) {
          case String s -> s.trim();
          case Integer i -> i.toString();
          case Long l -> l.toString();
          case Double d -> d.toString();
          case null, default -> null;
        };
    if (text == null) {
      return Optional.empty();
    }
    var m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return Optional.of(
        new SemanticVersion(number(m.group(1)), number(m.group(2)), number(m.group(3)), pre));
  }

  private static long number(String part) {
    return part == null ? 0 : Long.parseLong(part);
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Long.compare(major, o.major);
    c = c != 0 ? c : Long.compare(minor, o.minor);
    c = c != 0 ? c : Long.compare(patch, o.patch);
    return c != 0 ? c : comparePreRelease(preRelease, o.preRelease);
  }

  /** Semver §11: a release outranks its pre-releases; identifiers compare left to right. */
  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean numA = a.chars().allMatch(Character::isDigit);
    boolean numB = b.chars().allMatch(Character::isDigit);
    if (numA && numB) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    return numA != numB ? (numA ? -1 : 1) : a.compareTo(b);
  }
}
