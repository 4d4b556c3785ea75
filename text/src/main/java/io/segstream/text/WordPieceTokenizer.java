package io.segstream.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer, configured from a Hugging Face {@code tokenizer.json}: normalization and
 * pre-tokenization ({@link BasicTokenizer}), greedy longest-match word pieces, {@code [CLS] text [SEP]}
 * and truncation to the model's maximum length. Pure Java, so nothing native is loaded for it (the
 * reference implementation is a Rust library whose Linux build is not on Maven Central).
 *
 * <p>Only WordPiece vocabularies are supported; other tokenizer models (SentencePiece/Unigram, BPE) are
 * refused when loading, with a message, rather than tokenized wrongly.
 */
final class WordPieceTokenizer {
  /** Used when tokenizer.json sets no truncation: sentence-transformers' usual limit for BERT models. */
  static final int DEFAULT_MAX_TOKENS = 256;

  private final BasicTokenizer basic;
  private final Map<String, Integer> vocab;
  private final String prefix;
  private final int maxCharsPerWord;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int padId;
  private final int maxTokens;
  private final int tailTokens;
  private final Map<String, Integer> addedTokens;

  /** Token ids of one text, and whether it had to be cut to fit the model. */
  record Tokens(long[] ids, boolean truncated) {}

  private WordPieceTokenizer(final BasicTokenizer basic, final Map<String, Integer> vocab, final String prefix,
      final int maxCharsPerWord, final String unk, final String cls, final String sep, final int padId,
      final int maxTokens, final Map<String, Integer> addedTokens) {
    this.basic = basic;
    this.addedTokens = Map.copyOf(addedTokens);
    this.vocab = vocab;
    this.prefix = prefix;
    this.maxCharsPerWord = maxCharsPerWord;
    this.unkId = id(vocab, unk);
    this.clsId = id(vocab, cls);
    this.sepId = id(vocab, sep);
    this.padId = padId;
    this.maxTokens = maxTokens;
    this.tailTokens = 0;
  }

  static WordPieceTokenizer fromJson(final InputStream json, final String source) throws IOException {
    final JsonNode root = new ObjectMapper().readTree(json);
    final JsonNode model = root.path("model");
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IllegalArgumentException(source + ": tokenizer model '" + model.path("type").asText()
          + "' is not supported; segstream reads WordPiece (BERT-family) tokenizers only");
    }
    final Map<String, Integer> vocab = new HashMap<>();
    model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    if (vocab.isEmpty()) {
      throw new IllegalArgumentException(source + ": tokenizer.json has an empty vocabulary");
    }

    final JsonNode norm = root.path("normalizer");
    final boolean lowercase = norm.path("lowercase").asBoolean(true);
    final JsonNode accents = norm.path("strip_accents");
    final boolean stripAccents = accents.isBoolean() ? accents.asBoolean() : lowercase; // null follows lowercase
    final BasicTokenizer basic = new BasicTokenizer(norm.path("clean_text").asBoolean(true),
        norm.path("handle_chinese_chars").asBoolean(true), stripAccents, lowercase);

    String cls = "[CLS]";
    String sep = "[SEP]";
    final JsonNode post = root.path("post_processor");
    if ("BertProcessing".equals(post.path("type").asText())) {
      cls = post.path("cls").path(0).asText(cls);
      sep = post.path("sep").path(0).asText(sep);
    } else if ("TemplateProcessing".equals(post.path("type").asText())) {
      final List<String> specials = new ArrayList<>();
      post.path("single").forEach(piece -> {
        if (piece.has("SpecialToken")) {
          specials.add(piece.path("SpecialToken").path("id").asText());
        }
      });
      if (specials.size() == 2) {
        cls = specials.get(0);
        sep = specials.get(1);
      }
    }
    final JsonNode truncation = root.path("truncation");
    final int maxTokens = truncation.path("max_length").asInt(DEFAULT_MAX_TOKENS);
    // Special tokens typed in the text itself ("[CLS]") are matched as such before normalization, as the reference does.
    final Map<String, Integer> added = new HashMap<>();
    root.path("added_tokens").forEach(t -> {
      if (t.path("special").asBoolean(false) && !t.path("content").asText().isEmpty()) {
        added.put(t.path("content").asText(), t.path("id").asInt());
      }
    });
    final int padId = root.path("padding").path("pad_id").asInt(vocab.getOrDefault("[PAD]", 0));
    return new WordPieceTokenizer(basic, vocab, model.path("continuing_subword_prefix").asText("##"),
        model.path("max_input_chars_per_word").asInt(100), model.path("unk_token").asText("[UNK]"), cls, sep, padId,
        Math.max(3, maxTokens), added);
  }

  private static int id(final Map<String, Integer> vocab, final String token) {
    final Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("tokenizer vocabulary has no '" + token + "' token");
    }
    return id;
  }

  Tokens encode(final String text) {
    if (tailTokens == 0) {
      return encode(text, maxTokens - 2);
    }
    // Head and tail: the word pieces of the whole text, then its start and its last tailTokens pieces.
    final Tokens all = encode(text, Math.max(maxTokens - 2, text.length() + 2));
    if (all.ids().length <= maxTokens) {
      return all;
    }
    final long[] ids = new long[maxTokens];
    final int head = maxTokens - 1 - tailTokens; // [CLS] + head pieces
    System.arraycopy(all.ids(), 0, ids, 0, head);
    System.arraycopy(all.ids(), all.ids().length - 1 - tailTokens, ids, head, tailTokens + 1); // + [SEP]
    return new Tokens(ids, true);
  }

  private Tokens encode(final String text, final int room) {
    final List<Integer> pieces = new ArrayList<>(Math.min(room, text.length() / 3 + 4));
    boolean truncated = false;
    int from = 0;
    while (from < text.length() && !truncated) {
      final Match special = nextSpecial(text, from);
      for (final String word : basic.words(text.substring(from, special.at()))) {
        if (!pieces(word, pieces, room)) {
          truncated = true;
          break;
        }
      }
      if (!truncated && special.id() >= 0 && !add(pieces, special.id(), room)) {
        truncated = true;
      }
      from = special.at() + special.length();
    }
    final long[] ids = new long[pieces.size() + 2];
    ids[0] = clsId;
    for (int i = 0; i < pieces.size(); i++) {
      ids[i + 1] = pieces.get(i);
    }
    ids[ids.length - 1] = sepId;
    return new Tokens(ids, truncated);
  }

  private record Match(int at, int length, int id) {}

  /** The first special token at or after {@code from}, or a non-match at the end of the text. */
  private Match nextSpecial(final String text, final int from) {
    Match best = new Match(text.length(), 0, -1);
    for (final Map.Entry<String, Integer> e : addedTokens.entrySet()) {
      final int at = text.indexOf(e.getKey(), from);
      if (at >= 0 && (at < best.at() || (at == best.at() && e.getKey().length() > best.length()))) {
        best = new Match(at, e.getKey().length(), e.getValue());
      }
    }
    return best;
  }

  /** Appends the word's pieces; false when they did not all fit in {@code room}. */
  private boolean pieces(final String word, final List<Integer> out, final int room) {
    final int[] cps = word.codePoints().toArray();
    if (cps.length > maxCharsPerWord) {
      return add(out, unkId, room);
    }
    final List<Integer> found = new ArrayList<>(4);
    int start = 0;
    while (start < cps.length) {
      int end = cps.length;
      Integer match = null;
      while (start < end) {
        final String piece = (start > 0 ? prefix : "") + new String(cps, start, end - start);
        match = vocab.get(piece);
        if (match != null) {
          break;
        }
        end--;
      }
      if (match == null) {
        return add(out, unkId, room); // one unknown piece makes the whole word unknown, as in BERT
      }
      found.add(match);
      start = end;
    }
    for (final int id : found) {
      if (!add(out, id, room)) {
        return false;
      }
    }
    return true;
  }

  private static boolean add(final List<Integer> out, final int id, final int room) {
    if (out.size() >= room) {
      return false;
    }
    out.add(id);
    return true;
  }

  int padId() {
    return padId;
  }

  /**
   * The same tokenizer cutting texts at {@code limit} tokens ([CLS] and [SEP] included), or at the model's own
   * limit if that is lower: fewer tokens make a model run cheaper (attention grows with the square of the length).
   */
  WordPieceTokenizer withMaxTokens(final int limit) {
    return withLimits(limit, 0);
  }

  /**
   * As {@link #withMaxTokens}, and a text that is too long keeps its last {@code tail} word pieces besides its
   * start, instead of its start only: reviews often end with their verdict ("...so it went back").
   */
  WordPieceTokenizer withLimits(final int limit, final int tail) {
    final int capped = Math.max(3, Math.min(limit, maxTokens));
    final int keptTail = Math.max(0, Math.min(tail, capped - 3));
    return capped == maxTokens && keptTail == tailTokens ? this : new WordPieceTokenizer(this, capped, keptTail);
  }

  private WordPieceTokenizer(final WordPieceTokenizer other, final int maxTokens, final int tailTokens) {
    this.basic = other.basic;
    this.addedTokens = other.addedTokens;
    this.vocab = other.vocab;
    this.prefix = other.prefix;
    this.maxCharsPerWord = other.maxCharsPerWord;
    this.unkId = other.unkId;
    this.clsId = other.clsId;
    this.sepId = other.sepId;
    this.padId = other.padId;
    this.maxTokens = maxTokens;
    this.tailTokens = tailTokens;
  }

  int maxTokens() {
    return maxTokens;
  }
}
