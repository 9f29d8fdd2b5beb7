package dev.pilothouse.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-offset reading of pod logs, checked against a naive split on many random files. */
class PodLogFileTest {
  @TempDir Path dir;

  @Test
  void theTailOffsetStartsExactlyTheLastNLinesForRandomFiles() throws Exception {
    Random random = new Random(42);
    Path file = dir.resolve("pod.log");
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(40);
      for (int i = 0; i < lines; i++) {
        // lines longer than the 8 KiB read chunk too, and empty ones
        int length = random.nextInt(10) == 0 ? 9_000 : random.nextInt(12);
        text.append("é".repeat(length / 2)).append(i);
        if (i < lines - 1 || random.nextBoolean()) {
          text.append('\n');
        }
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      List<String> all = naive(text.toString());
      int n = 1 + random.nextInt(10);

      long offset = PodLogFile.tailOffset(file, n);

      assertThat(PodLogFile.linesFrom(file, offset))
          .as("round %d, last %d of %d lines", round, n, all.size())
          .isEqualTo(all.subList(Math.max(0, all.size() - n), all.size()));
    }
  }

  @Test
  void anOffsetAtOrPastTheEndGivesNoLines() throws Exception {
    Path file = dir.resolve("short.log");
    Files.writeString(file, "a\nb\n");

    assertThat(PodLogFile.linesFrom(file, 4)).isEmpty();
    assertThat(PodLogFile.linesFrom(file, 400)).isEmpty();
    assertThat(PodLogFile.linesFrom(file, 2)).containsExactly("b");
  }

  private static List<String> naive(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }
}
