package io.segstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.SegmentModel;
import io.segstream.schemas.AvroSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentationCodecTest {
  @Test
  void aModelSurvivesTheTripThroughAvroBytes() {
    final Segmentation m = new Segmentation("default", 42, 2, "abc123", List.of("spend", "orders"),
        new Scaler(new double[] {1.5, 0.2}, new double[] {0.7, 1.0}),
        List.of(new Segment(3, "Loyal big spenders", "Spend a lot.", new double[] {1.2, 0.9}, 321.5, 0.01, 7),
            new Segment(8, "Bargain hunters", "Buy on discount.", new double[] {-0.4, 0.1}, 120.0, 0.0, 40)),
        1.25, 98_765, Instant.parse("2026-11-23T10:15:30.123Z"), 9, Map.of("decay", "0.95"));
    final byte[] bytes = AvroSerdes.SEGMENT_MODEL.serialize("segments.model", SegmentationCodec.toAvro(m));
    final SegmentModel read = AvroSerdes.SEGMENT_MODEL.deserialize("segments.model", bytes);
    assertThat(SegmentationCodec.fromAvro(read)).isEqualTo(m);
  }

  @Test
  void aPopulationScalerTravelsWithItsDistributionsAndBlend() {
    final Scaler scaler = Scaler.fitPopulation(new double[][] {{1, 0}, {2, 0}, {3, 1}, {40, 0}}, true, 0.5);
    final Segmentation m = new Segmentation("default", 3, 1, "abc123", List.of("spend", "orders"), scaler,
        List.of(new Segment(1, "Champions", "", new double[] {1.0, 0.5}, 10, 0, 1)), 0.5, 4, Instant.EPOCH, 2,
        Map.of(Segmentation.PARAM_FRESH_FROM, "3"));
    final byte[] bytes = AvroSerdes.SEGMENT_MODEL.serialize("segments.model", SegmentationCodec.toAvro(m));
    final Segmentation read = SegmentationCodec.fromAvro(AvroSerdes.SEGMENT_MODEL.deserialize("segments.model", bytes));
    assertThat(read).isEqualTo(m);
    assertThat(read.scaler().transform(new double[] {2.5, 0})).containsExactly(scaler.transform(new double[] {2.5, 0}));
    assertThat(read.freshFromVersion()).isEqualTo(3);
  }
}
