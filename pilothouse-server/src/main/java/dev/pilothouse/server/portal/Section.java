package dev.pilothouse.server.portal;

import java.util.List;
import java.util.Optional;

/**
 * One entry of the portal's navigation: a capability from DESIGN.md and, until it is built, what it
 * will bring.
 *
 * @param path where the section lives
 * @param label the navigation text
 * @param arrivesWith for sections not built yet, the capability that brings them; null when built
 */
public record Section(String path, String label, String arrivesWith) {

  /** Every section in navigation order. */
  public static final List<Section> ALL =
      List.of(
          new Section("/", "Overview", null),
          new Section("/delivery", "Delivery", null),
          new Section("/clusters", "Clusters", null),
          new Section("/flags", "Flags", null),
          new Section("/slos", "SLOs", null),
          new Section("/anomalies", "Anomalies", null),
          new Section(
              "/incidents",
              "Incidents",
              "incidents and on-call: alert intake, grouping, escalation and timelines"),
          new Section(
              "/backups",
              "Backups",
              "backup and DR: namespace backups, schedules and verified test restores"),
          new Section(
              "/upgrades",
              "Upgrades",
              "upgrades and lifecycle: deprecated API detection and staged upgrade plans"),
          new Section(
              "/cost", "Cost", "cost and chargeback: allocation by team, budgets and right-sizing"),
          new Section(
              "/catalog",
              "Catalog",
              "the service catalog: catalog-info.yaml, ownership, templates and scorecards"),
          new Section(
              "/dora",
              "DORA",
              "DORA metrics: deploy frequency, lead time, change failure rate, time to restore"),
          new Section("/teams", "Teams", null),
          new Section("/resources", "Resources", null));

  /** Sections that are placeholders until their capability arrives. */
  public static List<Section> placeholders() {
    return ALL.stream().filter(s -> s.arrivesWith() != null).toList();
  }

  /** The section a path belongs to, by its first segment. */
  public static Optional<Section> of(String path) {
    String first = "/" + path.replaceFirst("^/", "").replaceFirst("/.*$", "");
    return ALL.stream().filter(s -> s.path().equals(first)).findFirst();
  }
}
