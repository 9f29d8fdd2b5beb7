package dev.pilothouse.cli;

/**
 * Follows one pod's log stream ({@code ?follow=true}) and prints its lines, reconnecting from the
 * exact byte where the last stream ended when the server closes it (streams have a maximum
 * duration), so no line is lost or repeated.
 */
final class LogFollower {
  /** Must match the server's {@code LogsApi.OFFSET_HEADER}. */
  static final String OFFSET_HEADER = "Pilothouse-Log-Offset";

  private static final long MIN_STREAM_MILLIS = 1_000;

  private final ApiClient client;
  private final Session session;
  private final String prefix;

  /**
   * @param prefix the pod name to put before each line, or null for none
   */
  LogFollower(ApiClient client, Session session, String prefix) {
    this.client = client;
    this.session = session;
    this.prefix = prefix;
  }

  /** Follows until the server cannot be reached or the log is gone (then throws). */
  void follow(String logPath, int tail) throws InterruptedException {
    String query = "?follow=true&tailLines=" + tail;
    while (true) {
      long started = System.currentTimeMillis();
      long next = client.followLines(logPath + query, OFFSET_HEADER, this::print);
      query = "?follow=true&fromByte=" + next;
      if (System.currentTimeMillis() - started < MIN_STREAM_MILLIS) {
        Thread.sleep(MIN_STREAM_MILLIS); // a server that ends streams at once: do not spin
      }
    }
  }

  /** Like {@link #follow}, for one of several pods: an error ends only this pod's stream. */
  void followQuietly(String logPath, int tail) {
    try {
      follow(logPath, tail);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (CliException e) {
      print("(stopped following: " + e.getMessage() + ")");
    }
  }

  private void print(String line) {
    session.out().println(prefixed(prefix, line));
    session.out().flush();
  }

  static String prefixed(String prefix, String line) {
    return prefix == null ? line : "[" + prefix + "] " + line;
  }
}
