package io.segstream.core.fit;

/** A vector file that cannot be used; the message names the file, the place and what to do about it. */
public final class BadVectorFileException extends RuntimeException {
  public BadVectorFileException(final String message) {
    super(message);
  }
}
