package io.segstream.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonlEventsTest {
  private static List<ParsedEvent> read(final String text) {
    final JsonlEvents source = new JsonlEvents(new BufferedReader(new StringReader(text)), ImportSettings.defaults());
    final List<ParsedEvent> out = new ArrayList<>();
    Optional<ParsedEvent> p;
    while ((p = source.next()).isPresent()) {
      out.add(p.get());
    }
    return out;
  }

  private static UserEvent valid(final String line) {
    final ParsedEvent p = read(line).getFirst();
    assertThat(p).isInstanceOf(ParsedEvent.Valid.class);
    return ((ParsedEvent.Valid) p).event();
  }

  private static ParsedEvent.Invalid invalid(final String line) {
    final ParsedEvent p = read(line).getFirst();
    assertThat(p).isInstanceOf(ParsedEvent.Invalid.class);
    return (ParsedEvent.Invalid) p;
  }

  @Test
  void everyEventTypeInTheContractsOwnShape() {
    final UserEvent order = valid("""
        {"userId":"42","type":"PURCHASE","timestamp":"2024-05-01T10:15:00Z","orderId":"o-1","sessionId":"s1",
         "items":[{"product":{"productId":"p1","name":"Mug","category":"kitchen","price":12.5},"quantity":2,"discount":0.1},
                  {"product":{"productId":"p2","price":3}}]}""".replace("\n", ""));
    assertThat(order.getType()).isEqualTo(EventType.PURCHASE);
    assertThat(order.getTimestamp()).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(order.getItems()).hasSize(2);
    assertThat(order.getItems().getFirst().getProduct().getCategory()).isEqualTo("kitchen");
    assertThat(order.getItems().getFirst().getDiscount()).isEqualTo(0.1);
    assertThat(order.getItems().get(1).getQuantity()).as("default").isEqualTo(1);

    final UserEvent view = valid("{\"userId\":7,\"type\":\"page_view\",\"timestamp\":1714558500000,\"product\":{\"productId\":\"p1\"}}");
    assertThat(view.getUserId()).as("numeric ids are read as strings").isEqualTo("7");
    assertThat(view.getType()).isEqualTo(EventType.PAGE_VIEW);

    final UserEvent review = valid("{\"userId\":\"42\",\"type\":\"REVIEW\",\"timestamp\":\"2024-05-03T08:00:00+02:00\","
        + "\"product\":{\"productId\":\"p1\"},\"review\":{\"rating\":4,\"text\":\"Nice mug\"}}");
    assertThat(review.getReview().getRating()).isEqualTo(4);
    assertThat(review.getReview().getSignals()).isNull();
  }

  @Test
  void errorsNameTheLineAndTheField() {
    final List<ParsedEvent> all = read("""
        {"userId":"1","type":"PAGE_VIEW","timestamp":"2024-05-01T10:15:00Z","product":{"productId":"p"}}

        {"user_id":"1","type":"PAGE_VIEW","timestamp":"2024-05-01T10:15:00Z"}
        """);
    assertThat(all).hasSize(2);
    final ParsedEvent.Invalid bad = (ParsedEvent.Invalid) all.get(1);
    assertThat(bad.line()).isEqualTo(3);
    assertThat(bad.field()).isEqualTo("user_id");
    assertThat(bad.describe()).startsWith("line 3, field user_id: unknown field; known here: eventId, items");
  }

  @Test
  void eachKindOfMistake() {
    final String ok = "\"userId\":\"1\",\"timestamp\":\"2024-05-01T10:15:00Z\"";
    assertThat(invalid("{not json").message()).startsWith("not valid JSON");
    assertThat(invalid("{\"type\":\"PAGE_VIEW\",\"timestamp\":1714558500000}").field()).isEqualTo("userId");
    assertThat(invalid("{" + ok + ",\"type\":\"CLICK\"}").message()).contains("PAGE_VIEW, ADD_TO_CART");
    assertThat(invalid("{" + ok + ",\"type\":\"REVIEW_SIGNALS\",\"product\":{\"productId\":\"p\"}}").field()).isEqualTo("type");
    assertThat(invalid("{\"userId\":\"1\",\"type\":\"PAGE_VIEW\",\"timestamp\":\"01/05/2024\"}").field()).isEqualTo("timestamp");
    assertThat(invalid("{" + ok + ",\"type\":\"PAGE_VIEW\"}").field()).isEqualTo("product");
    assertThat(invalid("{" + ok + ",\"type\":\"PURCHASE\"}").field()).isEqualTo("items");
    assertThat(invalid("{" + ok + ",\"type\":\"PURCHASE\",\"items\":[{\"product\":{\"productId\":\"p\"}},"
        + "{\"product\":{\"productId\":\"q\"},\"quantity\":-2}]}").field()).isEqualTo("items[1].quantity");
    assertThat(invalid("{" + ok + ",\"type\":\"PURCHASE\",\"items\":[{\"product\":{\"productId\":\"p\",\"price\":\"cheap\"}}]}")
        .field()).isEqualTo("items[0].product.price");
    assertThat(invalid("{" + ok + ",\"type\":\"PURCHASE\",\"items\":[{\"product\":{\"productId\":\"p\"},\"discount\":25}]}")
        .field()).isEqualTo("items[0].discount");
    assertThat(invalid("{" + ok + ",\"type\":\"PURCHASE\",\"items\":[{\"quantity\":2}]}").field()).isEqualTo("items[0].product");
    assertThat(invalid("{" + ok + ",\"type\":\"REVIEW\",\"product\":{\"productId\":\"p\"},\"review\":{\"rating\":6}}")
        .field()).isEqualTo("review.rating");
    assertThat(invalid("{" + ok + ",\"type\":\"REVIEW\",\"product\":{\"productId\":\"p\"},\"review\":{\"signals\":{}}}")
        .field()).isEqualTo("review.signals");
  }
}
