/**
 * Text into signals, with a real sentence-embedding model run in-process (ONNX Runtime), no Kafka: the
 * {@link io.segstream.text.SentenceEncoder} and its WordPiece tokenizer, review signals (sentiment and complaints,
 * {@link io.segstream.text.ReviewSignalScorer}), the sentiment head learned from star ratings
 * ({@link io.segstream.text.SentimentHead}) and zero-shot product categories
 * ({@link io.segstream.text.ZeroShotCategorizer}). The Kafka Streams stage that runs them is
 * {@code io.segstream.streams.text} in streams-app.
 */
package io.segstream.text;
