package io.segstream.schemas;

import io.segstream.avro.FeatureVector;
import io.segstream.avro.ItemScore;
import io.segstream.avro.SegmentAssignment;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.SegmentModel;
import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;

/** One shared serde instance per contract type (they are stateless and thread-safe). */
public final class AvroSerdes {
  public static final AvroSerde<UserEvent> USER_EVENT = AvroSerde.of(UserEvent.class);
  public static final AvroSerde<FeatureVector> FEATURE_VECTOR = AvroSerde.of(FeatureVector.class);
  public static final AvroSerde<SegmentModel> SEGMENT_MODEL = AvroSerde.of(SegmentModel.class);
  public static final AvroSerde<SegmentChange> SEGMENT_CHANGE = AvroSerde.of(SegmentChange.class);
  public static final AvroSerde<SegmentAssignment> SEGMENT_ASSIGNMENT = AvroSerde.of(SegmentAssignment.class);
  public static final AvroSerde<UserProfile> USER_PROFILE = AvroSerde.of(UserProfile.class);
  public static final AvroSerde<ItemScore> ITEM_SCORE = AvroSerde.of(ItemScore.class);

  private AvroSerdes() {}
}
