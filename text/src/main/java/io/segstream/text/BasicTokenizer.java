package io.segstream.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first half of BERT tokenization, as Hugging Face's {@code BertNormalizer} and {@code BertPreTokenizer}
 * do it: drop control characters, map every kind of white space to a space, isolate CJK ideographs, strip
 * accents and lower-case (when the model is uncased), then split on white space and make every punctuation
 * character a word of its own. Matching the reference exactly matters: a different split gives the model
 * token ids it never saw in training.
 */
final class BasicTokenizer {
  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;

  BasicTokenizer(final boolean cleanText, final boolean chineseChars, final boolean stripAccents,
      final boolean lowercase) {
    this.cleanText = cleanText;
    this.chineseChars = chineseChars;
    this.stripAccents = stripAccents;
    this.lowercase = lowercase;
  }

  /** The words and punctuation marks of the text, normalized. */
  List<String> words(final String text) {
    String s = clean(text);
    if (stripAccents) {
      s = Normalizer.normalize(s, Normalizer.Form.NFD);
      final StringBuilder kept = new StringBuilder(s.length());
      s.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(kept::appendCodePoint);
      s = kept.toString();
    }
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    return split(s);
  }

  private String clean(final String text) {
    final StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (cleanText) {
        if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
          return;
        }
        if (isWhitespace(cp)) {
          out.append(' ');
          return;
        }
      }
      if (chineseChars && isCjk(cp)) {
        out.append(' ').appendCodePoint(cp).append(' ');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static List<String> split(final String s) {
    final List<String> words = new ArrayList<>();
    final StringBuilder word = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (isWhitespace(cp)) {
        flush(word, words);
      } else if (isPunctuation(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    });
    flush(word, words);
    return words;
  }

  private static void flush(final StringBuilder word, final List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** Tab, newline and carriage return count as white space, not control. */
  private static boolean isControl(final int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    final int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
  }

  /** Unicode's White_Space property (Java's isWhitespace leaves out no-break spaces, which BERT splits on). */
  private static boolean isWhitespace(final int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
  }

  private static boolean isPunctuation(final int cp) {
    if (cp < 0x80) {
      return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  private static boolean isCjk(final int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
