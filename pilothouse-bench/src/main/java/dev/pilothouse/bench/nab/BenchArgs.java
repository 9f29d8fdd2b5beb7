package dev.pilothouse.bench.nab;

import java.nio.file.Path;

/**
 * Parsed NabBench command line.
 *
 * @param corpus corpus directory in NAB's layout
 * @param target a detector name, {@code all}, or {@code results:<dir>}
 * @param write directory to write result CSVs into, or null
 */
record BenchArgs(Path corpus, String target, Path write) {
  static final Path DEFAULT_CORPUS = Path.of("../shared/datasets/nab");

  static BenchArgs parse(String[] args) {
    Path corpus = DEFAULT_CORPUS;
    String target = "all";
    Path write = null;
    int positional = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--write") && i + 1 < args.length) {
        write = Path.of(args[++i]);
      } else if (args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      } else if (positional++ == 0) {
        corpus = Path.of(args[i]);
      } else {
        target = args[i];
      }
    }
    return new BenchArgs(corpus, target, write);
  }
}
