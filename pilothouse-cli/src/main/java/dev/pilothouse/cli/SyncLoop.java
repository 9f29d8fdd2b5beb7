package dev.pilothouse.cli;

import dev.pilothouse.core.error.PilothouseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a {@link FlagSync} again and again: after each pass it waits for the poll interval or a
 * {@link SyncTrigger} request (a push webhook), whichever comes first. A Git checkout is refreshed
 * before every pass but the first. A failed pass is printed and counted, never fatal.
 */
final class SyncLoop {
  private final FlagSync sync;
  private final GitCheckout checkout;
  private final Path folder;
  private final PrintWriter out;
  private final SyncTrigger trigger;
  private final Duration interval;

  /**
   * @param checkout the Git checkout holding {@code folder}, or null for a plain folder
   */
  SyncLoop(
      FlagSync sync,
      GitCheckout checkout,
      Path folder,
      PrintWriter out,
      SyncTrigger trigger,
      Duration interval) {
    this.sync = sync;
    this.checkout = checkout;
    this.folder = folder;
    this.out = out;
    this.trigger = trigger;
    this.interval = interval;
  }

  /**
   * Syncs once, then (unless {@code once}) until interrupted.
   *
   * @return how many files, deletions or fetches failed
   */
  int run(boolean once) throws InterruptedException {
    int failures = pass(false);
    while (!once) {
      trigger.awaitNext(interval);
      failures += pass(true);
    }
    return failures;
  }

  private int pass(boolean refresh) {
    try {
      if (refresh && checkout != null) {
        checkout.update();
      }
      return sync.pass(folder);
    } catch (CliException | PilothouseException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return 1;
    }
  }
}
