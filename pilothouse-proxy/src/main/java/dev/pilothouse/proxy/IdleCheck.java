package dev.pilothouse.proxy;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that saw no traffic for a whole idle period, so between one and two periods
 * after its last activity. Cheaper than Netty's {@code IdleStateHandler}, which reads the clock on
 * every read batch and adds a listener to every write: here a request only sets a flag, and a timer
 * runs once per period per connection.
 */
final class IdleCheck implements Runnable {

  private final Channel channel;
  private final long periodNanos;
  private boolean active;

  private IdleCheck(Channel channel, long periodNanos) {
    this.channel = channel;
    this.periodNanos = periodNanos;
  }

  /** Starts checking {@code channel}; call on its event loop. */
  static IdleCheck start(Channel channel, Duration period) {
    IdleCheck check = new IdleCheck(channel, period.toNanos());
    check.schedule();
    return check;
  }

  /** Notes traffic on the connection; call on its event loop. */
  void touch() {
    active = true;
  }

  @Override
  public void run() {
    if (!channel.isOpen()) {
      return;
    }
    if (active) {
      active = false;
      schedule();
    } else {
      channel.close();
    }
  }

  private void schedule() {
    channel.eventLoop().schedule(this, periodNanos, TimeUnit.NANOSECONDS);
  }
}
