package dev.pilothouse.core.delivery;

import dev.pilothouse.core.delivery.FlagRevision.Outcome;
import dev.pilothouse.core.events.PlatformEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flag rollout's revision history, derived from what is already recorded: each {@value
 * FlagVariantEvents#TYPE} event starts an update; the controller's {@code rollout.promoted} and
 * {@code rollout.aborted} events for its revision hash end it; the next variant change ends it as
 * undone (the variants were swapped) or replaced. The last update, with no such event, is promoted
 * when the rollout's status says its hash is stable (an undo during an update is stable at once),
 * else in progress. Pure.
 */
public final class FlagHistory {
  private FlagHistory() {}

  /**
   * The updates, oldest first.
   *
   * @param events the rollout's {@code rollout.*} events, oldest first
   * @param stableHash {@code status.stableRS} of the rollout now (empty before its first reconcile)
   */
  public static List<FlagRevision> of(List<PlatformEvent> events, String stableHash) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).type().equals(FlagVariantEvents.TYPE)) {
        starts.add(i);
      }
    }
    List<FlagRevision> revisions = new ArrayList<>();
    for (int n = 0; n < starts.size(); n++) {
      PlatformEvent start = events.get(starts.get(n));
      Optional<PlatformEvent> next =
          n + 1 < starts.size() ? Optional.of(events.get(starts.get(n + 1))) : Optional.empty();
      List<PlatformEvent> during =
          events.subList(
              starts.get(n) + 1, n + 1 < starts.size() ? starts.get(n + 1) : events.size());
      revisions.add(revision(n + 1, start, during, next, stableHash));
    }
    return revisions;
  }

  private static FlagRevision revision(
      int number,
      PlatformEvent start,
      List<PlatformEvent> during,
      Optional<PlatformEvent> next,
      String stableHash) {
    String hash = start.attributes().getOrDefault("revision", "");
    Ending ending =
        lastVerdict(during, hash)
            .or(() ->
                next.map(n ->
                    new Ending(swapped(start, n) ? Outcome.UNDONE : Outcome.REPLACED, n.time())))
            .orElseGet(() ->
                hash.equals(stableHash)
                    ? new Ending(Outcome.PROMOTED, start.time())
                    : new Ending(Outcome.IN_PROGRESS, null));
    return new FlagRevision(
        number,
        start.attributes().getOrDefault("canaryVariant", ""),
        start.attributes().getOrDefault("stableVariant", ""),
        hash,
        start.time(),
        start.attributes().getOrDefault("actor", ""),
        ending.outcome(),
        Optional.ofNullable(ending.time()));
  }

  /** The last promote or abort of this revision: a retried abort can still be promoted. */
  private static Optional<Ending> lastVerdict(List<PlatformEvent> during, String hash) {
    Optional<Ending> verdict = Optional.empty();
    for (PlatformEvent e : during) {
      if (!hash.equals(e.attributes().get("revision"))) {
        continue;
      }
      switch (e.type()) {
        case "rollout.promoted" -> verdict = Optional.of(new Ending(Outcome.PROMOTED, e.time()));
        case "rollout.aborted" -> verdict = Optional.of(new Ending(Outcome.ABORTED, e.time()));
        default -> {}
      }
    }
    return verdict;
  }

  private static boolean swapped(PlatformEvent start, PlatformEvent next) {
    var a = start.attributes();
    var b = next.attributes();
    return a.get("canaryVariant").equals(b.get("stableVariant"))
        && a.get("stableVariant").equals(b.get("canaryVariant"));
  }

  private record Ending(Outcome outcome, Instant time) {}
}
