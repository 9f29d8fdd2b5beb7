package dev.pilothouse.bench.flags;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code dev/bench flags [forks]}: runs {@link FlagEvaluationBench} (ours and flagd's Java
 * evaluator side by side, in one run) and prints JMH's table.
 */
public final class FlagBench {
  private FlagBench() {}

  public static void main(String[] args) throws Exception {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(FlagEvaluationBench.class.getName() + ".*");
    if (args.length > 0) {
      options.forks(Integer.parseInt(args[0]));
    }
    new Runner(options.build()).run();
  }
}
