package io.segstream.text;

/**
 * The category chosen for a product text.
 *
 * @param category the chosen category, or {@link ZeroShotCategorizer#OTHER} when nothing was similar enough
 * @param nearest the most similar category even when it fell below the threshold (for evaluation and logs)
 * @param score cosine similarity between the text and the nearest category's closest description
 */
public record CategoryGuess(String category, String nearest, double score) {}
