package io.segstream.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvEventsTest {
  private static final String HEADER = String.join(",", CsvEvents.COLUMNS) + "\n";

  private static List<ParsedEvent> read(final String text) {
    final CsvEvents source = new CsvEvents(new StringReader(text), ImportSettings.defaults());
    final List<ParsedEvent> out = new ArrayList<>();
    Optional<ParsedEvent> p;
    while ((p = source.next()).isPresent()) {
      out.add(p.get());
    }
    return out;
  }

  private static UserEvent event(final ParsedEvent p) {
    assertThat(p).isInstanceOf(ParsedEvent.Valid.class);
    return ((ParsedEvent.Valid) p).event();
  }

  @Test
  void oneRowPerEventAndOneRowPerLineOfAnOrder() {
    final List<ParsedEvent> all = read(HEADER
        + "42,PAGE_VIEW,2024-05-01T10:00:00Z,,s1,,p1,Mug,kitchen,12.5,,,,\n"
        + "42,PURCHASE,2024-05-01T10:15:00Z,e1,s1,o-1,p1,Mug,kitchen,12.5,2,0.1,,\n"
        + "42,PURCHASE,2024-05-01T10:15:00Z,e1,s1,o-1,p2,\"Plate, large\",kitchen,3,,,,\n"
        + "42,PURCHASE,2024-05-02T09:00:00Z,,,o-2,p3,,,1,,,,\n"
        + "42,REVIEW,2024-05-03T08:00:00Z,,,,p1,,,,,,4,\"Nice mug, \"\"really\"\"\"\n"
        + "43,RETURN,1714558500000,,,,p1,,,12.5,1,,,\n"
        + "43,RETURN,1714558500000,,,,p2,,,3,1,,,\n");
    assertThat(all).hasSize(6);
    assertThat(event(all.get(0)).getType()).isEqualTo(EventType.PAGE_VIEW);
    final UserEvent order = event(all.get(1));
    assertThat(order.getItems()).extracting(li -> li.getProduct().getName()).containsExactly("Mug", "Plate, large");
    assertThat(order.getItems().getFirst().getQuantity()).isEqualTo(2);
    assertThat(order.getItems().getFirst().getDiscount()).isEqualTo(0.1);
    assertThat(order.getEventId()).isEqualTo("e1");
    assertThat(all.get(1).line()).isEqualTo(3);
    assertThat(event(all.get(2)).getOrderId()).isEqualTo("o-2");
    assertThat(event(all.get(3)).getReview().getText()).isEqualTo("Nice mug, \"really\"");
    assertThat(event(all.get(3)).getReview().getRating()).isEqualTo(4);
    assertThat(event(all.get(4)).getItems()).as("no order_id: each row is its own return").hasSize(1);
    assertThat(event(all.get(4)).getTimestamp()).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
  }

  @Test
  void onlyTheRequiredColumnsAreNeededInAnyOrder() {
    final List<ParsedEvent> all = read("timestamp,product_id,type,user_id\n2024-05-01T10:00:00Z,p1,ADD_TO_CART,9\n");
    assertThat(event(all.getFirst()).getProduct().getProductId()).isEqualTo("p1");
  }

  @Test
  void aBadLineRejectsItsWholeOrderNamingTheLineAndColumn() {
    final List<ParsedEvent> all = read(HEADER
        + "42,PURCHASE,2024-05-01T10:15:00Z,,,o-1,p1,,,12.5,2,,,\n"
        + "42,PURCHASE,2024-05-01T10:15:00Z,,,o-1,p2,,,3,two,,,\n"
        + "42,PURCHASE,2024-05-01T10:15:00Z,,,o-1,p3,,,-1,1,,,\n"
        + "43,PAGE_VIEW,2024-05-01T10:16:00Z,,,,p1,,,,,,,\n");
    assertThat(all).hasSize(2);
    final ParsedEvent.Invalid bad = (ParsedEvent.Invalid) all.getFirst();
    assertThat(bad.describe()).isEqualTo("line 3, field quantity: 'two' is not a whole number");
    assertThat(bad.lines()).isEqualTo(3);
    assertThat(bad.raw()).contains("p1").contains("p3");
    assertThat(all.get(1)).isInstanceOf(ParsedEvent.Valid.class);
  }

  @Test
  void rulesViolationsPointAtTheOffendingRow() {
    final List<ParsedEvent> all = read(HEADER
        + "42,PURCHASE,2024-05-01T10:15:00Z,,,o-1,p1,,,12.5,2,,,\n"
        + "42,PURCHASE,2024-05-01T10:15:00Z,,,o-1,p2,,,-3,1,,,\n"
        + "44,PAGE_VIEW,2024-05-01T10:15:00Z,,,,,,,,,,,\n"
        + "45,REVIEW,2024-05-01T10:15:00Z,,,,p1,,,,,,9,\n"
        + ",PAGE_VIEW,2024-05-01T10:15:00Z,,,,p1,,,,,,,\n"
        + "46,PAGE_VIEW,2024-05-01T10:15:00Z,,,,p1\n");
    assertThat(all).extracting(p -> ((ParsedEvent.Invalid) p).describe()).containsExactly(
        "line 3, field price: must be 0..1000000.0 (validation.max-price), was -3.0",
        "line 4, field product_id: is required for PAGE_VIEW",
        "line 5, field rating: must be 1..5, was 9",
        "line 6, field user_id: is required",
        "line 7: 7 fields, the header has 14");
  }

  @Test
  void localTimesNeedAZone() {
    final String file = HEADER + "42,PAGE_VIEW,2024-05-01 12:00:00,,,,p1,,,,,,,\n";
    assertThat(((ParsedEvent.Invalid) read(file).getFirst()).field()).isEqualTo("timestamp");
    final CsvEvents berlin = new CsvEvents(new StringReader(file),
        new ImportSettings(Optional.of(ZoneId.of("Europe/Berlin")), ImportSettings.defaults().limits()));
    assertThat(event(berlin.next().orElseThrow()).getTimestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void aHeaderWithUnknownOrMissingColumnsIsRefused() {
    assertThatThrownBy(() -> read("user_id,type,timestamp,colour\n")).hasMessageContaining("unknown column 'colour'");
    assertThatThrownBy(() -> read("user_id,type\n")).hasMessageContaining("no timestamp column");
    assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
  }
}
