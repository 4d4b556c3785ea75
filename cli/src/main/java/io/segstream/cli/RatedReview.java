package io.segstream.cli;

/**
 * One review from a rated review file: its cleaned text, stars (1 to 5) and the value of the grouping column
 * (e.g. the product), which keeps a group's reviews in one fold.
 */
record RatedReview(String text, int stars, String group) {}
