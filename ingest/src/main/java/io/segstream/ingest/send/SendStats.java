package io.segstream.ingest.send;

import java.util.Optional;

/**
 * @param firstError the first send failure, for the closing message
 */
public record SendStats(long sent, long acknowledged, long failed, Optional<String> firstError) {
  public static final SendStats NONE = new SendStats(0, 0, 0, Optional.empty());
}
