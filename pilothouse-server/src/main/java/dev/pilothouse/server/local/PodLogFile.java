package dev.pilothouse.server.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reading a pod's log file by byte offset: where the last N lines start, the lines from an offset,
 * and following the file as the pod (or its restarted process, which appends) writes more.
 */
final class PodLogFile {
  private static final int CHUNK = 8192;

  private PodLogFile() {}

  /** The byte offset where the last {@code lines} lines of the file start (0 for fewer lines). */
  static long tailOffset(Path file, int lines) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = ch.size();
      // A final newline ends the last line; it does not start another one.
      long pos = end;
      int newlines = 0;
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      boolean skipFinal = true;
      while (pos > 0) {
        int n = (int) Math.min(CHUNK, pos);
        buf.clear().limit(n);
        ch.read(buf, pos - n);
        for (int i = n - 1; i >= 0; i--) {
          if (buf.get(i) != '\n') {
            skipFinal = false;
            continue;
          }
          if (skipFinal) {
            skipFinal = false;
          } else if (++newlines == lines) {
            return pos - n + i + 1;
          }
        }
        pos -= n;
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines from {@code offset} to the end; malformed UTF-8 is replaced, never fatal. */
  static List<String> linesFrom(Path file, long offset) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset >= size) {
        return List.of();
      }
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - offset));
      ch.read(buf, offset);
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (lines.getLast().isEmpty()) {
        lines.removeLast();
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the file from {@code offset} to {@code out} and keeps copying what is appended, polling
   * every {@code poll}, until {@code until} or until {@code open} turns false. A file that shrank
   * (replaced or truncated) is read again from its start.
   *
   * @throws IOException when the client is gone (a write fails)
   */
  static void follow(
      Path file,
      long offset,
      OutputStream out,
      Duration poll,
      Clock clock,
      Instant until,
      BooleanSupplier open)
      throws IOException, InterruptedException {
    long pos = offset;
    byte[] buf = new byte[CHUNK];
    while (open.getAsBoolean() && clock.instant().isBefore(until)) {
      long size = Files.isRegularFile(file) ? Files.size(file) : 0;
      if (size < pos) {
        pos = 0;
      }
      if (size == pos) {
        Thread.sleep(poll);
        continue;
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        int n;
        while ((n = ch.read(b.clear(), pos)) > 0) {
          out.write(buf, 0, n);
          pos += n;
        }
      }
      out.flush();
    }
  }
}
