package dev.pilothouse.core.control;

import java.time.Duration;

/** What a reconcile asks for next. */
public sealed interface ReconcileResult {

  /** Nothing to do until the object changes again. */
  record Done() implements ReconcileResult {}

  /** Look again after this delay even if nothing changes (a pause ends, a measurement is due). */
  record RequeueAfter(Duration delay) implements ReconcileResult {}

  /** The {@link Done} result. */
  static ReconcileResult done() {
    return new Done();
  }

  /** A {@link RequeueAfter} result. */
  static ReconcileResult after(Duration delay) {
    return new RequeueAfter(delay);
  }
}
