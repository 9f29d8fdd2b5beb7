package dev.pilothouse.server.portal;

import dev.pilothouse.core.tenancy.Membership;
import java.util.List;

/**
 * A team as the teams page shows it.
 *
 * @param namespaces the namespaces the team owns
 */
public record TeamView(String name, List<Membership> members, List<String> namespaces) {}
