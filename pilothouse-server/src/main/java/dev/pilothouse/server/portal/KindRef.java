package dev.pilothouse.server.portal;

import dev.pilothouse.core.resource.KindInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A kind as the portal addresses it: under {@code /resources/{group}/{version}/{plural}}, with
 * {@code core} standing for the empty core group as in the API.
 */
public record KindRef(KindInfo info) {
  /** Path segment that stands for the core (empty) group. */
  static final String CORE = "core";

  /** The group as written in portal URLs. */
  public String urlGroup() {
    return info.group().isEmpty() ? CORE : info.group();
  }

  /** The group as the kind registry knows it. */
  static String registryGroup(String urlGroup) {
    return CORE.equals(urlGroup) ? "" : urlGroup;
  }

  public String kind() {
    return info.kind();
  }

  public boolean namespaced() {
    return info.namespaced();
  }

  /** The page listing objects of this kind. */
  public String listUrl() {
    return "/resources/" + urlGroup() + "/" + info.version() + "/" + info.plural();
  }

  /** The page of one object; {@code namespace} is ignored for cluster-scoped kinds. */
  public String objectUrl(String namespace, String name) {
    return listUrl() + (info.namespaced() ? "/" + segment(namespace) : "") + "/" + segment(name);
  }

  /** The live-update stream for this kind; blank arguments are left out. */
  public String eventsUrl(
      String namespace, String selector, String name, long resourceVersion, String view) {
    StringBuilder url =
        new StringBuilder("/portal/events?group=")
            .append(query(urlGroup()))
            .append("&version=")
            .append(query(info.version()))
            .append("&plural=")
            .append(query(info.plural()))
            .append("&view=")
            .append(view)
            .append("&resourceVersion=")
            .append(resourceVersion);
    append(url, "namespace", namespace);
    append(url, "labelSelector", selector);
    append(url, "name", name);
    return url.toString();
  }

  private static void append(StringBuilder url, String key, String value) {
    if (value != null && !value.isBlank()) {
      url.append('&').append(key).append('=').append(query(value));
    }
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String segment(String value) {
    return query(value).replace("+", "%20");
  }
}
