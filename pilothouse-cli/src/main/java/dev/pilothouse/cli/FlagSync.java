package dev.pilothouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.PilothouseException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one folder of flagd files in step with an environment's FeatureFlagSets. Each pass imports
 * the files whose content changed since the last pass and, unless told to keep them, deletes the
 * sets this source made whose file is gone. Sets a sync writes carry the label {@link #LABEL} with
 * a digest of the source (folder, or Git URL and path), so a sync deletes only its own sets, never
 * one a person or another sync made, and finds them again after a restart.
 */
final class FlagSync {
  /** Label naming the sync source that wrote a set. */
  static final String LABEL = "flags.pilothouse.dev/sync";

  private final ApiClient client;
  private final String namespace;
  private final String source;
  private final boolean deleteRemoved;
  private final PrintWriter out;
  private final Map<Path, String> seen = new HashMap<>();

  /**
   * @param sourceId what the files come from, e.g. the folder's absolute path or "URL#path"
   */
  FlagSync(
      ApiClient client, String namespace, String sourceId, boolean deleteRemoved, PrintWriter out) {
    this.client = client;
    this.namespace = namespace;
    this.source = digest(sourceId);
    this.deleteRemoved = deleteRemoved;
    this.out = out;
  }

  /** One pass over {@code dir}; returns how many files or deletions failed (each is printed). */
  int pass(Path dir) {
    int failures = 0;
    List<Path> files = FlagFiles.list(dir);
    seen.keySet().retainAll(Set.copyOf(files)); // a file removed then restored is imported again
    Set<String> present = new HashSet<>();
    for (Path file : files) {
      try {
        String setName = FlagFiles.setName(file);
        present.add(setName);
        String text = FlagFiles.read(file);
        if (text.equals(seen.get(file))) {
          continue;
        }
        seen.put(file, text);
        JsonNode doc = FlagFiles.parseOne(file.toString(), text);
        out.println(
            FlagFiles.importOne(client, namespace, file, setName, doc, Map.of(LABEL, source)));
      } catch (CliException | PilothouseException e) {
        // One bad file must not stop the others, nor a running sync.
        out.println("error: " + e.getMessage());
        failures++;
      }
    }
    if (deleteRemoved) {
      failures += deleteRemoved(present);
    }
    out.flush();
    return failures;
  }

  private int deleteRemoved(Set<String> present) {
    String sets = FlagFiles.SETS + Commands.segment(namespace) + "/featureflagsets";
    String selector = URLEncoder.encode(LABEL + "=" + source, StandardCharsets.UTF_8);
    int failures = 0;
    for (JsonNode set : client.get(sets + "?labelSelector=" + selector).path("items")) {
      String name = set.path("metadata").path("name").asText();
      if (present.contains(name)) {
        continue;
      }
      try {
        client.delete(sets + "/" + Commands.segment(name));
        out.println("featureflagset/" + name + " deleted from " + namespace + " (file removed)");
      } catch (CliException e) {
        out.println("error: featureflagset/" + name + ": " + e.getMessage());
        failures++;
      }
    }
    return failures;
  }

  /** A label value (hex, 16 characters) standing for the source. */
  static String digest(String sourceId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
