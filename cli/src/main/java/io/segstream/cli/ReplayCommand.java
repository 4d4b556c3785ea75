package io.segstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Public shop data sets, replayed into a running system. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a public shop data set into a running system (demo or a real cluster).",
    subcommands = {ReplayOnlineRetailCommand.class})
final class ReplayCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say which data set, e.g. 'segstream replay online-retail --data FILE --bootstrap-servers HOST:PORT'");
  }
}
