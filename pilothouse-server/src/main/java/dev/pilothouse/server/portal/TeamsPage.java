package dev.pilothouse.server.portal;

import dev.pilothouse.core.tenancy.Membership;
import dev.pilothouse.core.tenancy.Principal;
import dev.pilothouse.core.tenancy.Team;
import dev.pilothouse.core.tenancy.TenancyRepository;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/** GET /teams: the teams the user belongs to (every team for platform admins). */
final class TeamsPage {
  private final TenancyRepository tenancy;
  private final Views views;

  TeamsPage(TenancyRepository tenancy, Views views) {
    this.tenancy = tenancy;
    this.views = views;
  }

  void show(ServerRequest req, ServerResponse res, Principal who) {
    Map<String, String> owners = tenancy.namespaceOwners();
    List<TeamView> teams =
        tenancy.teams().stream()
            .map(Team::name)
            .filter(t -> who.platformAdmin() || who.roleIn(t).isPresent())
            .sorted()
            .map(t -> view(t, owners))
            .toList();
    views.send(
        res, "teams.jte", Map.of("chrome", new Chrome("Teams", "/teams", who), "teams", teams));
  }

  private TeamView view(String team, Map<String, String> owners) {
    List<String> namespaces =
        owners.entrySet().stream()
            .filter(e -> e.getValue().equals(team))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<Membership> members = tenancy.memberships(team);
    return new TeamView(team, members, namespaces);
  }
}
