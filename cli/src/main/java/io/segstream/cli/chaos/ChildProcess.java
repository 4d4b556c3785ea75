package io.segstream.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One segstream command ({@code broker}, {@code streams}) running as a JVM of its own, so that a fault is real:
 * {@link #kill9()} is SIGKILL, {@link #pause()} is SIGSTOP. Its output goes to a log file that is read back to wait
 * for readiness and to count ERROR lines.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Path log;
  private final List<String> command;
  private Process process;

  private ChildProcess(final String name, final Path log, final List<String> command) {
    this.name = name;
    this.log = log;
    this.command = command;
  }

  /** Starts {@code segstream args...} with the given class path, appending its output to {@code log}. */
  static ChildProcess start(final String name, final Path log, final String classpath, final List<String> args) {
    final List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Dlog4j2.configurationFile=classpath:segstream-log4j2.xml", "-Dlog4j2.shutdownHookEnabled=false",
        "-cp", classpath, "io.segstream.cli.SegstreamCommand"));
    cmd.addAll(args);
    final ChildProcess child = new ChildProcess(name, log, List.copyOf(cmd));
    child.launch();
    return child;
  }

  private void launch() {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "---- start " + name + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Starts the same command again (same state, same ports), after a kill or a stop. */
  void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
  }

  String name() {
    return name;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits until the log has {@code fragment} more than {@code seenBefore} times. */
  void awaitLine(final String fragment, final long seenBefore, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (count(fragment) <= seenBefore) {
      if (!alive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before '" + fragment
            + "'; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not log '" + fragment + "' within " + timeout + "; see " + log);
      }
      Thread.sleep(200);
    }
  }

  /** How many lines of the log contain {@code fragment}. */
  long count(final String fragment) {
    try {
      if (!Files.exists(log)) {
        return 0;
      }
      try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
        return lines.filter(l -> l.contains(fragment)).count();
      }
    } catch (final IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** ERROR lines logged so far (by every run of this command). */
  long errors() {
    return count(" ERROR ");
  }

  /** SIGKILL: no shutdown hook, no flush, no commit. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process is frozen, sockets open, as in a long GC pause or a stuck VM. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the frozen process resumes where it was. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(final String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** SIGTERM, then SIGKILL if it has not stopped within a minute and a half. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      kill9();
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
