package dev.pilothouse.server.portal;

import dev.pilothouse.core.tenancy.Principal;

/**
 * What the page layout needs besides the page's own content.
 *
 * @param title the page title
 * @param section path of the navigation section to highlight
 * @param user the signed-in user; null on the login and error pages before sign-in
 */
public record Chrome(String title, String section, Principal user) {

  /** Whether a navigation entry is the section of this page. */
  public boolean current(Section s) {
    return s.path().equals(section);
  }
}
