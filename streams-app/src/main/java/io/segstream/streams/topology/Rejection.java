package io.segstream.streams.topology;

/**
 * Why an input record was refused. {@code reason} is a short stable code (a metric tag and a header),
 * {@code detail} says what exactly was wrong.
 */
public record Rejection(String reason, String detail) {
  public static final String OVERSIZED = "oversized";
  public static final String MALFORMED = "malformed";
  public static final String MISSING_USER = "missing_user";
  public static final String BAD_USER_ID = "bad_user_id";
  public static final String UNKNOWN_TYPE = "unknown_type";
  public static final String RESERVED_TYPE = "reserved_type";
  public static final String BAD_TIMESTAMP = "bad_timestamp";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";
  public static final String MISSING_PRODUCT = "missing_product";
  public static final String EMPTY_ORDER = "empty_order";
  public static final String TOO_MANY_ITEMS = "too_many_items";
  public static final String BAD_PRICE = "bad_price";
  public static final String BAD_QUANTITY = "bad_quantity";
  public static final String BAD_DISCOUNT = "bad_discount";
  public static final String BAD_RATING = "bad_rating";
  public static final String PROCESSING_ERROR = "processing_error";
}
