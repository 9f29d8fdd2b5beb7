package dev.pilothouse.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the PostgreSQL server a crashed Pilothouse left running on its data folder. PostgreSQL runs
 * in its own process group, so it outlives a {@code kill -9} of the JVM, and a new PostgreSQL on
 * the same files then refuses to start. Only called while holding the data folder's lock, so no
 * live Pilothouse owns that server; its pid (from {@code postmaster.pid}) must also be a running
 * {@code postgres} whose arguments name this folder, so a reused pid is never touched.
 */
final class OrphanPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanPostgres.class);
  private static final long GRACE_SECONDS = 30;

  private OrphanPostgres() {}

  /** Stops the orphan server of {@code pgDir} if there is one; returns whether it stopped one. */
  static boolean stop(Path pgDir) {
    Optional<ProcessHandle> orphan = find(pgDir);
    if (orphan.isEmpty()) {
      return false;
    }
    ProcessHandle h = orphan.get();
    LOG.atWarn()
        .addKeyValue("pid", h.pid())
        .addKeyValue("dir", pgDir)
        .log("stopping the PostgreSQL server a crashed run left behind");
    h.destroy(); // SIGTERM: a smart shutdown, whose clients are already gone
    try {
      h.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      h.destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      h.destroyForcibly();
    }
    return true;
  }

  static Optional<ProcessHandle> find(Path pgDir) {
    Path pidFile = pgDir.resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.getFirst().strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    List<String> names = List.of(pgDir.toString(), pgDir.toAbsolutePath().normalize().toString());
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .filter(h ->
            h.info().arguments().map(List::of).orElse(List.of()).stream()
                .anyMatch(names::contains));
  }
}
