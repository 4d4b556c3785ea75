package io.segstream.cli;

import io.segstream.embedded.EmbeddedKafkaException;
import io.segstream.core.topics.TopicSetupException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The segstream command line. */
@Command(name = "segstream", mixinStandardHelpOptions = true, version = "segstream 0.1.0",
    description = "Real-time, self-adjusting customer segmentation on Kafka Streams.",
    subcommands = {DemoCommand.class, BrokerCommand.class, ChaosCommand.class, StreamsCommand.class, UpdaterCommand.class, GenerateCommand.class,
        ConfigCommand.class, FeaturesCommand.class, ReplayCommand.class, ProduceCommand.class, RfmCommand.class,
        EvaluateCommand.class, FitCommand.class, BenchCommand.class, TextCommand.class, CommandLine.HelpCommand.class})
public final class SegstreamCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do, e.g. 'segstream demo' (see --help)");
  }

  public static void main(final String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    final CommandLine cl = new CommandLine(new SegstreamCommand());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (isExpected(e)) {
        // An expected problem (bad config, busy port, unreachable broker): the message says it all.
        cmd.getErr().println("segstream " + cmd.getCommandName() + ": " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl;
  }

  static boolean isExpected(final Exception e) {
    return e instanceof ConfigException || e instanceof TopicSetupException
        || e instanceof EmbeddedKafkaException || e instanceof UsageError
        || (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("cannot serve HTTP"));
  }

  /** A problem with what the user asked for, reported without a stack trace. */
  static final class UsageError extends RuntimeException {
    UsageError(final String message) {
      super(message);
    }
  }
}
