package io.segstream.generator;

import io.segstream.avro.Review;

/** A generated review with the topic it was written from: ground truth for review-text signals. */
public record WrittenReview(int rating, String text, ReviewTopic topic) {
  public Review toAvro() {
    // The builder fills fields added to the schema later (e.g. text signals set downstream) with their defaults.
    return Review.newBuilder().setRating(rating).setText(text).build();
  }
}
