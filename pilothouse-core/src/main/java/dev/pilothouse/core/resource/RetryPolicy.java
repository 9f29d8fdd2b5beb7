package dev.pilothouse.core.resource;

import dev.pilothouse.core.error.ConflictException;
import java.util.function.Supplier;

/**
 * Bounded retry of an optimistic read-modify-write on {@link ConflictException}: the operation is
 * re-run from a fresh read at most {@code maxAttempts} times, then the conflict is surfaced.
 */
public record RetryPolicy(int maxAttempts) {
  /** Default for server-side read-modify-write (merge patches). */
  public static final RetryPolicy ON_CONFLICT = new RetryPolicy(5);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Runs the operation, retrying on conflict within the bound. */
  public <T> T run(Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (ConflictException e) {
        if (attempt >= maxAttempts) {
          throw e;
        }
      }
    }
  }
}
