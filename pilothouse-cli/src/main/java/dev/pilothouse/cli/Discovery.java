package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The server's kinds, fetched once from {@code GET /api/v1/kinds}, and name resolution. */
final class Discovery {
  private final List<ApiKind> kinds;

  Discovery(List<ApiKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  static Discovery load(ApiClient client) {
    List<ApiKind> kinds = new ArrayList<>();
    for (JsonNode item : client.get("/api/v1/kinds").path("items")) {
      kinds.add(ApiKind.fromJson(item));
    }
    return new Discovery(kinds);
  }

  /**
   * Resolves what a user typed (kind, plural, singular or {@code plural.group}, any case).
   *
   * @throws UnknownKindException with the usage exit code when no kind matches
   */
  ApiKind resolve(String name) {
    return kinds.stream()
        .filter(k -> k.matches(name))
        .findFirst()
        .orElseThrow(() ->
            new UnknownKindException(
                "unknown kind '" + name + "' (known: " + known() + ")", CliException.USAGE));
  }

  /**
   * The kind of a manifest document from its {@code apiVersion} and {@code kind}.
   *
   * @throws UnknownKindException with the failure exit code when the server does not serve it
   */
  ApiKind forDocument(String apiVersion, String kind) {
    return kinds.stream()
        .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equalsIgnoreCase(kind))
        .findFirst()
        .orElseThrow(() ->
            new UnknownKindException(
                "no kind " + kind + " in " + apiVersion + " on the server (known: " + known() + ")",
                CliException.FAILURE));
  }

  private String known() {
    return kinds.stream()
        .map(k -> k.kind().toLowerCase(Locale.ROOT))
        .distinct()
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
