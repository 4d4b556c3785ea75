package io.segstream.text;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a review reads as English, for a metric: the bundled model was trained on English and its signals
 * mean little for other languages (configure a multilingual model with text.model-path, see docs/text.md).
 * A cheap test, not a language identifier: a text mostly in a non-Latin script is not English; a Latin-script
 * text of at least {@link #MIN_WORDS} words is English when at least one word in ten is one of the commonest
 * English function words (real English reviews have 30–50 %, French, German or Spanish ones almost none).
 */
public final class LanguageGuess {
  /** What the test says about one text. */
  public enum Verdict {
    ENGLISH, OTHER, TOO_SHORT;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final int MIN_WORDS = 5;
  private static final Set<String> COMMON = Set.of("the", "and", "a", "an", "to", "of", "is", "it", "i", "in", "for",
      "this", "that", "was", "with", "my", "on", "but", "not", "so", "very", "you", "be", "are", "have", "had", "they",
      "me", "at", "as", "if", "or", "just", "too", "would", "will", "its", "it's", "i'm", "from", "were", "what",
      "like", "love", "great", "good", "really", "fit", "size", "one", "out", "all", "can", "do", "did", "no", "up");

  private LanguageGuess() {}

  public static Verdict of(final String text) {
    int latin = 0;
    int otherLetters = 0;
    for (int i = 0; i < text.length(); ) {
      final int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          latin++;
        } else {
          otherLetters++;
        }
      }
    }
    if (otherLetters > latin) {
      return Verdict.OTHER;
    }
    int words = 0;
    int common = 0;
    for (final String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
      if (w.isEmpty()) {
        continue;
      }
      words++;
      if (COMMON.contains(w)) {
        common++;
      }
    }
    if (words < MIN_WORDS) {
      return Verdict.TOO_SHORT;
    }
    return common * 10 >= words ? Verdict.ENGLISH : Verdict.OTHER;
  }
}
