/**
 * The {@code segstream} command: option parsing and wiring only. Each command loads the configuration, starts the
 * services it names through the {@link io.segstream.core.service.ServiceRunner} and stops them on Ctrl-C; errors are
 * one line saying what was wrong and how to fix it. {@code bench} holds the benchmark commands, {@code chaos} the
 * fault-injection schedule. Nothing else imports this package (checked by the style gate).
 */
package io.segstream.cli;
