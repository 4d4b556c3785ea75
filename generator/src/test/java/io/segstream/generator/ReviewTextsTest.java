package io.segstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReviewTextsTest {
  private final ShopCatalog catalog = ShopCatalog.generate(1, 200);
  private final SplittableRandom rng = new SplittableRandom(5);

  private List<WrittenReview> write(final ReviewTopic topic, final int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> ReviewTexts.write(topic, catalog.products().get(rng.nextInt(catalog.size())), rng))
        .toList();
  }

  @Test
  void ratingsMatchTheTopic() {
    for (final ReviewTopic topic : ReviewTopic.values()) {
      final List<WrittenReview> reviews = write(topic, 300);
      assertThat(reviews).allSatisfy(r -> {
        assertThat(r.topic()).isEqualTo(topic);
        assertThat(r.rating()).isBetween(topic.minStars(), topic.maxStars());
        assertThat(r.text()).isNotBlank().doesNotContain("{").matches(".*[.!]$");
        assertThat(r.toAvro().getRating()).isEqualTo(r.rating());
      });
      // every rating in the band occurs
      assertThat(reviews.stream().map(WrittenReview::rating).distinct().count())
          .isEqualTo(topic.maxStars() - topic.minStars() + 1L);
    }
    assertThat(ReviewTopic.PRAISE.complaint()).isFalse();
    assertThat(ReviewTopic.MIXED.complaint()).isFalse();
    assertThat(ReviewTopic.NEVER_ARRIVED.complaint()).isTrue();
  }

  @Test
  void textsAreVariedAndSayWhatTheTopicIs() {
    for (final ReviewTopic topic : ReviewTopic.values()) {
      final Set<String> distinct = new HashSet<>();
      write(topic, 400).forEach(r -> distinct.add(r.text()));
      assertThat(distinct).as(topic.name()).hasSizeGreaterThan(80);
    }
    assertThat(share(ReviewTopic.DELIVERY_LATE, "late|deliver|slow|arriv|came|shipping"))
        .isGreaterThan(0.95);
    assertThat(share(ReviewTopic.DAMAGED_IN_TRANSIT, "damage|broken|crushed|dented|crack|soaked|torn"))
        .isGreaterThan(0.95);
    assertThat(share(ReviewTopic.NEVER_ARRIVED, "never|waiting|lost|nothing came|delivered"))
        .isGreaterThan(0.95);
    assertThat(share(ReviewTopic.OVERPRICED, "expensive|overpriced|price|worth|paid"))
        .isGreaterThan(0.95);
    assertThat(share(ReviewTopic.GOOD_VALUE, "value|cheap|price|bargain|steal|sale|bank|discount"))
        .isGreaterThan(0.95);
    assertThat(share(ReviewTopic.PRAISE, "refund|avoid|waste|broke|disappointed")).isZero();
    assertThat(share(ReviewTopic.POOR_QUALITY, "love|highly recommend|five stars")).isZero();
  }

  @Test
  void qualityComplaintsFitTheProduct() {
    for (final Category soft : List.of(Category.BOOKS, Category.GROCERY, Category.FASHION, Category.BEAUTY)) {
      final CatalogProduct product = catalog.inCategory(soft).getFirst();
      for (int i = 0; i < 100; i++) {
        final String text = ReviewTexts.write(ReviewTopic.POOR_QUALITY, product, rng).text().toLowerCase(Locale.ROOT);
        assertThat(text).doesNotContain("stopped working", "broke after a week", "charging", "rusting");
      }
    }
  }

  private double share(final ReviewTopic topic, final String regex) {
    final List<WrittenReview> reviews = write(topic, 300);
    return reviews.stream().filter(r -> r.text().toLowerCase(Locale.ROOT).matches(".*(" + regex + ").*")).count()
        / (double) reviews.size();
  }
}
