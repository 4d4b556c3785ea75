package io.segstream.cli.chaos;

import java.util.List;

/**
 * The outcome of one scenario: what was injected, how much was checked, and what did not hold.
 *
 * @param longestUnavailabilityMs the longest a polled user went without an answer (-1 when not measured)
 * @param checksHeld the scenario's own further checks held (faults landed where they were meant to, dead letters
 *     are exactly the injected ones, erased users stay erased, ...); what did not is in the notes
 */
public record ScenarioResult(String scenario, String faults, long recordsChecked, long lost, long duplicated,
    long chainBreaks, boolean endsAgree, long iqMismatches, boolean sizesAddUp, long abortedRecords,
    long longestUnavailabilityMs, long errorLines, List<String> notes, boolean checksHeld) {
  public ScenarioResult {
    notes = List.copyOf(notes);
  }

  /** Nothing lost or duplicated, chains continuous, no open transactions, IQ agrees, sizes add up, own checks. */
  public boolean passed() {
    return lost == 0 && duplicated == 0 && chainBreaks == 0 && endsAgree && iqMismatches == 0 && sizesAddUp
        && checksHeld;
  }
}
