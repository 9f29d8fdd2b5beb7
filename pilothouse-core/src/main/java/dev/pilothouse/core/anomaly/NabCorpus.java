package dev.pilothouse.core.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A labelled corpus in NAB's layout: {@code data/<category>/*.csv} ({@code timestamp,value}),
 * {@code labels/combined_windows.json} and optionally {@code config/profiles.json}.
 *
 * @param root the corpus directory
 * @param series every data file, sorted by relative path
 * @param profiles cost profiles from the corpus config, or NAB's three if it has none
 */
public record NabCorpus(Path root, List<LabelledSeries> series, List<CostProfile> profiles) {
  /** Copies the lists. */
  public NabCorpus {
    series = List.copyOf(series);
    profiles = List.copyOf(profiles);
  }

  /** Loads a corpus; fails with the offending path if any file or label is missing or bad. */
  public static NabCorpus load(Path root) {
    Path windowsFile = root.resolve("labels/combined_windows.json");
    if (!Files.isDirectory(root.resolve("data")) || !Files.isRegularFile(windowsFile)) {
      throw new IllegalArgumentException(
          root.toAbsolutePath()
              + " is not a NAB-layout corpus (needs data/ and "
              + windowsFile
              + ")");
    }
    JsonNode windows = Json.parse(read(windowsFile));
    List<LabelledSeries> series = new ArrayList<>();
    for (String name : dataFiles(root.resolve("data"))) {
      JsonNode labels = windows.get(name);
      if (labels == null) {
        throw new IllegalArgumentException(windowsFile + " has no entry for " + name);
      }
      series.add(readSeries(root.resolve("data").resolve(name), name, labels));
    }
    return new NabCorpus(root, series, profiles(root.resolve("config/profiles.json")));
  }

  /** Number of windows over all series. */
  public int windowCount() {
    return series.stream().mapToInt(s -> s.windows().size()).sum();
  }

  /** Total number of rows. */
  public long rows() {
    return series.stream().mapToLong(LabelledSeries::size).sum();
  }

  private static List<String> dataFiles(Path data) {
    try (Stream<Path> files = Files.walk(data)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))
          .map(p -> data.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data, e);
    }
  }

  private static LabelledSeries readSeries(Path file, String name, JsonNode labels) {
    String[][] cols = NabCsv.columns(file, List.of("timestamp", "value"));
    long[] ts = new long[cols[0].length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = NabTimestamp.parse(cols[0][i]);
    }
    List<RowWindow> windows = new ArrayList<>();
    for (JsonNode pair : labels) {
      windows.add(rows(name, ts, pair.get(0).asText(), pair.get(1).asText()));
    }
    return new LabelledSeries(name, ts, NabCsv.doubles(cols[1]), windows);
  }

  // Each endpoint is exactly one row's timestamp; search rows, never assume sorted timestamps.
  private static RowWindow rows(String name, long[] ts, String start, String end) {
    int first = find(ts, NabTimestamp.parse(start), 0);
    int last = first < 0 ? -1 : find(ts, NabTimestamp.parse(end), first);
    if (first < 0 || last < 0) {
      throw new IllegalArgumentException(
          name + ": window [" + start + ", " + end + "] does not match row timestamps");
    }
    return new RowWindow(first, last);
  }

  private static int find(long[] ts, long t, int from) {
    for (int i = from; i < ts.length; i++) {
      if (ts[i] == t) {
        return i;
      }
    }
    return -1;
  }

  private static List<CostProfile> profiles(Path file) {
    if (!Files.isRegularFile(file)) {
      return CostProfile.NAB;
    }
    List<CostProfile> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : Json.parse(read(file)).properties()) {
      JsonNode m = e.getValue().get("CostMatrix");
      out.add(
          new CostProfile(
              e.getKey(),
              m.get("tpWeight").asDouble(),
              m.get("fpWeight").asDouble(),
              m.get("fnWeight").asDouble()));
    }
    return out;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
