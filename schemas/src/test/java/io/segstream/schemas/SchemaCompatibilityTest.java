package io.segstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.FeatureVector;
import io.segstream.avro.ItemScore;
import io.segstream.avro.SegmentAssignment;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.SegmentModel;
import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the contract: every schema change must be released as a new history version, and every
 * released version must stay readable by the current schema and able to read current data.
 *
 * <p>{@code UserProfile} stays a contract although the user-profiles store now writes it in its own compact format
 * ({@code UserProfileSerde} in streams-app): stores and changelogs written by earlier releases hold it as Avro,
 * which that serde still reads with this history. {@code UserProfileSerdeTest} fails when the record's fields change
 * without a new compact format version.
 */
class SchemaCompatibilityTest {

  static Stream<Schema> contracts() {
    return Stream.of(UserEvent.getClassSchema(), FeatureVector.getClassSchema(), SegmentModel.getClassSchema(),
        SegmentChange.getClassSchema(), SegmentAssignment.getClassSchema(), UserProfile.getClassSchema(),
        ItemScore.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("contracts")
  void currentSchemaIsReleased(final Schema current) {
    final List<Schema> released = SchemaHistory.versions(current.getFullName());
    final String file = "schemas/src/main/resources/io/segstream/avro/history/" + current.getName()
        + ".v" + (released.size() + 1) + ".avsc";
    assertThat(released)
        .withFailMessage("%s has no released version; save it as %s:%n%s", current.getName(), file, current.toString(true))
        .isNotEmpty();
    assertThat(released.getLast())
        .withFailMessage("%s changed since its last released version. If the change is compatible (see the other"
            + " tests), release it by saving this as %s:%n%s", current.getName(), file, current.toString(true))
        .isEqualTo(current);
  }

  @ParameterizedTest
  @MethodSource("contracts")
  void everyReleasedVersionIsFullyCompatibleWithTheCurrentOne(final Schema current) {
    final List<Schema> released = SchemaHistory.versions(current.getFullName());
    for (int v = 0; v < released.size(); v++) {
      final Schema old = released.get(v);
      assertCompatible("current " + current.getName() + " reading v" + (v + 1) + " data", current, old);
      assertCompatible(current.getName() + " v" + (v + 1) + " reading current data", old, current);
    }
  }

  private static void assertCompatible(final String what, final Schema reader, final Schema writer) {
    final var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertThat(result.getType())
        .withFailMessage("incompatible: %s: %s", what, result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
