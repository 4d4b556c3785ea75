package io.segstream.ingest.rfm;

/**
 * The classic RFM segments on the recency × frequency score grid (R and F are quintile scores 1-5, 5 =
 * most recent / most frequent). The grid is the widely used "RFM segmentation map" (R, F → segment) with
 * its Hibernating corner split in two: R = 2 stays Hibernating, R = 1 is Lost. Every (R, F) cell has exactly
 * one segment:
 *
 * <pre>
 *        F=1          F=2          F=3          F=4          F=5
 * R=5  New          Potential    Potential    Champions    Champions
 * R=4  Promising    Potential    Potential    Loyal        Loyal
 * R=3  About to sl. About to sl. Need attn.   Loyal        Loyal
 * R=2  Hibernating  Hibernating  At risk      At risk      Can't lose
 * R=1  Lost         Lost         At risk      At risk      Can't lose
 * </pre>
 */
public enum RfmSegment {
  CHAMPIONS("Champions"),
  LOYAL("Loyal customers"),
  POTENTIAL_LOYALISTS("Potential loyalists"),
  NEW("New customers"),
  PROMISING("Promising"),
  NEED_ATTENTION("Need attention"),
  ABOUT_TO_SLEEP("About to sleep"),
  AT_RISK("At risk"),
  CANT_LOSE("Can't lose them"),
  HIBERNATING("Hibernating"),
  LOST("Lost");

  private final String label;

  RfmSegment(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** @throws IllegalArgumentException unless both scores are 1..5 */
  public static RfmSegment of(final int r, final int f) {
    if (r < 1 || r > 5 || f < 1 || f > 5) {
      throw new IllegalArgumentException("scores must be 1..5, were R=" + r + " F=" + f);
    }
    if (r >= 4 && f >= 4) {
      return r == 5 ? CHAMPIONS : LOYAL;
    }
    if (r == 3 && f >= 4) {
      return LOYAL;
    }
    if (r >= 4 && f >= 2) {
      return POTENTIAL_LOYALISTS;
    }
    if (r == 5) {
      return NEW;
    }
    if (r == 4) {
      return PROMISING;
    }
    if (r == 3) {
      return f == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
    }
    if (f == 5) {
      return CANT_LOSE;
    }
    if (f >= 3) {
      return AT_RISK;
    }
    return r == 2 ? HIBERNATING : LOST;
  }
}
