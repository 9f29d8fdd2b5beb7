package dev.pilothouse.core.slo;

import java.util.ArrayList;
import java.util.List;

/** Generates the Prometheus rules of SLOs: SLI recordings, metadata and alerts, per SLO. */
public final class SloRules {
  private SloRules() {}

  /** Three groups per SLO (two when it has no alerts), in input order. */
  public static List<RuleGroup> generate(List<Slo> slos) {
    List<RuleGroup> groups = new ArrayList<>(slos.size() * 3);
    for (Slo slo : slos) {
      groups.add(SliRules.group(slo, AlertRules.guardedWindows(slo)));
      groups.add(MetaRules.group(slo));
      AlertRules.group(slo).ifPresent(groups::add);
    }
    return List.copyOf(groups);
  }
}
