package dev.pilothouse.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <dataFolder>/pilothouse.lock}, holding the owner's pid. Two
 * PostgreSQL servers on one data directory would corrupt it, so the lock is taken before PostgreSQL
 * starts and released only after it stopped.
 */
final class DataFolderLock implements AutoCloseable {
  static final String FILE_NAME = "pilothouse.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, creating the folder when needed.
   *
   * @throws DataFolderInUseException when another process or launcher holds it
   */
  static DataFolderLock acquire(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM: the same conflict as another process holding it
    }
    if (lock == null) {
      channel.close();
      throw inUse(folder, file);
    }
    writePid(channel);
    return new DataFolderLock(channel, lock);
  }

  private static void writePid(FileChannel channel) throws IOException {
    byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid), 0);
    channel.force(true);
  }

  private static DataFolderInUseException inUse(Path folder, Path file) {
    String pid;
    try {
      pid = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      pid = "";
    }
    String owner = pid.isEmpty() ? "" : " (pid " + pid + ")";
    return new DataFolderInUseException(
        "data folder "
            + folder.toAbsolutePath()
            + " is in use by another Pilothouse"
            + owner
            + "; stop it or pass --data-dir");
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
