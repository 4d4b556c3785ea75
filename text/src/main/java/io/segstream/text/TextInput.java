package io.segstream.text;

import java.util.Locale;

/**
 * What a raw text from the outside world is fit for: it is either usable (control characters removed,
 * white space collapsed, cut at a word boundary to a character limit) or skipped with a reason. Never
 * throws: odd input must not stop a stream.
 */
public sealed interface TextInput {
  /** Fewer letters than this and there is nothing for a language model to read ("!!!", "5", "👍"). */
  int MIN_LETTERS = 2;

  /** @param truncated whether the text was longer than the limit and was cut */
  record Usable(String text, boolean truncated) implements TextInput {}

  record Skipped(Reason reason) implements TextInput {}

  enum Reason {
    /** No text, or only white space. */
    EMPTY,
    /** No words: digits, punctuation, emoji or binary garbage. */
    NON_TEXT;

    /** Lower-case name, for metric tags. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static TextInput check(final String raw, final int maxChars) {
    if (raw == null || raw.isBlank()) {
      return new Skipped(Reason.EMPTY);
    }
    final StringBuilder clean = new StringBuilder(Math.min(raw.length(), maxChars + 1));
    int letters = 0;
    boolean space = false;
    boolean cut = false;
    for (int i = 0; i < raw.length(); ) {
      final int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = !clean.isEmpty();
        continue;
      }
      if (Character.isISOControl(cp) || cp == 0xFFFD || Character.getType(cp) == Character.UNASSIGNED) {
        continue;
      }
      if (clean.length() + (space ? 1 : 0) + Character.charCount(cp) > maxChars) {
        cut = true;
        break;
      }
      if (space) {
        clean.append(' ');
        space = false;
      }
      clean.appendCodePoint(cp);
      if (Character.isLetter(cp)) {
        letters++;
      }
    }
    if (clean.isEmpty()) {
      return new Skipped(Reason.EMPTY);
    }
    if (letters < MIN_LETTERS) {
      return new Skipped(Reason.NON_TEXT);
    }
    if (!cut) {
      return new Usable(clean.toString(), false);
    }
    // Cut at the last word boundary in the second half rather than mid-word.
    final int lastSpace = clean.lastIndexOf(" ");
    final String text = lastSpace > clean.length() / 2 ? clean.substring(0, lastSpace) : clean.toString();
    return new Usable(text, true);
  }
}
