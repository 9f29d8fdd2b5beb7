package dev.pilothouse.server.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.local.VarExpansion;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns a pod template's container into a local command line. In order: the container's own {@code
 * command} (+ {@code args}); the built-in demo app for {@code pilothouse/demo:<version>}; an entry
 * of the image map file ({@code <image without tag>=<command line>}, where {@code ${tag}} stands
 * for the image tag). Anything else cannot run locally.
 */
public final class ImageMap {
  /** The built-in demo app's image name. */
  public static final String DEMO_IMAGE = "pilothouse/demo";

  private final Map<String, String> entries;
  private final Path file;

  private ImageMap(Map<String, String> entries, Path file) {
    this.entries = entries;
    this.file = file;
  }

  /** Reads the map file if it exists (an empty map otherwise). */
  public static ImageMap load(Path file) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (file != null && Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read image map " + file + ": " + e.getMessage(), e);
      }
      p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k)));
    }
    return new ImageMap(entries, file);
  }

  /**
   * How to launch a container.
   *
   * @param env variables the image implies (the demo app's {@code VERSION}); the container's own
   *     env is resolved separately and wins
   */
  public record Launch(List<String> command, Map<String, String> env) {}

  /** Resolves the container with no variables to expand (see {@link #resolve(JsonNode, Map)}). */
  public Launch resolve(JsonNode container) throws LaunchException {
    return resolve(container, Map.of());
  }

  /**
   * Resolves the container, or explains why it cannot run. {@code $(NAME)} references in the
   * container's own {@code command} and {@code args} are expanded with {@code vars} ({@link
   * VarExpansion}); a mapped image's command line is taken as written.
   */
  public Launch resolve(JsonNode container, Map<String, String> vars) throws LaunchException {
    Map<String, String> env = new LinkedHashMap<>();
    String image = container.path("image").asText("");
    int colon = image.lastIndexOf(':');
    String repo = colon > image.lastIndexOf('/') && colon > 0 ? image.substring(0, colon) : image;
    String tag = repo.length() < image.length() ? image.substring(colon + 1) : "latest";
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(VarExpansion.expand(c.asText(), vars)));
    if (command.isEmpty()) {
      if (repo.equals(DEMO_IMAGE)) {
        command.addAll(demoCommand());
        env.put("VERSION", tag);
      } else if (entries.containsKey(repo)) {
        for (String part : entries.get(repo).trim().split("\\s+")) {
          command.add(part.replace("${tag}", tag));
        }
      } else {
        throw new LaunchException(
            "ImageNotMapped",
            "image '"
                + image
                + "' has no local command: set the container's command, use "
                + DEMO_IMAGE
                + ":<version>, or map it in "
                + (file == null ? "the image map file" : file.toString()));
      }
    }
    container.path("args").forEach(a -> command.add(VarExpansion.expand(a.asText(), vars)));
    return new Launch(List.copyOf(command), env);
  }

  /** The demo app on this JVM's java and class path, tuned for a small footprint. */
  static List<String> demoCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx48m",
        "-Xss512k",
        "-XX:CICompilerCount=1",
        "-cp",
        System.getProperty("java.class.path"),
        "dev.pilothouse.server.demo.DemoApp");
  }

  /** A container that cannot be launched; {@code reason} is a CamelCase condition reason. */
  public static final class LaunchException extends Exception {
    private final String reason;

    /** Creates the exception with a CamelCase reason and a message for the pod's status. */
    public LaunchException(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** The CamelCase reason. */
    public String reason() {
      return reason;
    }
  }
}
