package io.segstream.generator;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Review sentences built from templates: an opening that carries the topic, often a detail and a closing
 * line matching the star rating. Quality complaints name defects that fit the category (a book loses pages,
 * a shirt shrinks), so a sentence-embedding model sees real variety rather than one sentence per class.
 */
public final class ReviewTexts {

  private record Templates(List<String> openings, List<String> details) {}

  private static final Map<ReviewTopic, Templates> TEMPLATES = new EnumMap<>(Map.of(
      ReviewTopic.PRAISE, new Templates(
          List.of("Absolutely love the {item}.", "Really happy with the {item}.",
              "Exactly as described and works perfectly.", "Excellent quality, you can tell the {item} is well made.",
              "Better than I expected.", "This is my second one already and it never disappoints.",
              "Great {item}, does exactly what it should.", "Beautiful design and a very solid build.",
              "Fantastic purchase, no regrets at all."),
          List.of("Arrived a day early and very well packaged.", "Feels premium and sturdy.",
              "I've used it every day for {weeks} weeks and it still looks new.",
              "Bought another one as a gift and they loved it too.",
              "Customer service answered my question within an hour.",
              "Delivery was quick and the box was in perfect condition.")),
      ReviewTopic.GOOD_VALUE, new Templates(
          List.of("Great value for money.", "Can't believe how cheap this was for the quality.",
              "Got the {item} on sale at {pct}% off, a real bargain.", "Does the job and didn't break the bank.",
              "Half the price of the big brands and just as good.",
              "Excellent price, I waited for the discount and it was worth it.", "Cheap, cheerful and works fine.",
              "Great value, the {item} was a steal at this price."),
          List.of("Compared prices everywhere and this was the cheapest.", "At this price I bought two.",
              "Not luxury, but more than fine for what I paid.", "Would buy again whenever it's on sale.",
              "Much cheaper than in the high-street shops.")),
      ReviewTopic.MIXED, new Templates(
          List.of("It's okay, nothing special.", "The {item} is decent but not amazing.",
              "Does the job, although it feels a bit basic.", "Average quality, about what I expected.",
              "Some things I like about the {item}, some I don't.", "Fine for occasional use."),
          List.of("The colour is slightly different from the photos.", "The instructions could be clearer.",
              "Delivery took a little longer than promised, but it arrived.", "Not sure I'd buy it again.",
              "It looks nicer in the pictures.")),
      ReviewTopic.OVERPRICED, new Templates(
          List.of("Too expensive for what it is.",
              "Overpriced, you can find the same {item} for half the price elsewhere.", "Not worth {price} at all.",
              "Way overpriced for such a basic {item}.", "The quality is fine but the price is ridiculous.",
              "Paid full price and regret it, it went on sale a week later."),
          List.of("You're paying for the brand name, nothing more.", "Cheaper alternatives do exactly the same.",
              "Wait for a discount if you really want it.", "For this money I expected much better quality.")),
      ReviewTopic.DELIVERY_LATE, new Templates(
          List.of("Arrived {days} days late.", "Delivery took {weeks} weeks instead of the promised two days.",
              "The {item} finally came {days} days after the estimated delivery date.",
              "Delivery was delayed again and again.", "Ordered it for a birthday and it arrived a week too late.",
              "Shipping was painfully slow."),
          List.of("Nobody told me about the delay.", "The tracking wasn't updated for days.",
              "Customer service kept promising it would come tomorrow.", "I had to contact support three times.",
              "The courier rescheduled twice without asking.")),
      ReviewTopic.DAMAGED_IN_TRANSIT, new Templates(
          List.of("The box was completely crushed and the {item} was damaged.",
              "Arrived broken, the packaging was torn open.",
              "The parcel looked like it had been kicked around and the {item} inside was dented.",
              "Damaged in transit, with a big crack on the side.",
              "The courier left it out in the rain and everything was soaked."),
          List.of("There was no protective packaging at all, just a thin bag.",
              "I had to send photos of the damage to get a replacement.",
              "The replacement arrived damaged as well.", "Returning it was a hassle.")),
      ReviewTopic.NEVER_ARRIVED, new Templates(
          List.of("Never arrived.", "Still waiting for my {item} after {weeks} weeks.",
              "Tracking says delivered but nothing came.",
              "The parcel got lost and nobody can tell me where it is.",
              "Paid for express shipping and the order never showed up."),
          List.of("Support keeps telling me to wait another week.", "Still no refund either.",
              "I had to file a claim with my bank.", "The neighbours never saw a courier.")),
      ReviewTopic.POOR_QUALITY, new Templates(
          List.of("Broke after a week.", "Cheap material, it feels flimsy.",
              "The {item} stopped working after {days} days.",
              "Very poor quality, it fell apart almost immediately.",
              "Looks nothing like the pictures and feels cheap."),
          List.of("You get what you pay for, I suppose.", "The materials are clearly the cheapest possible.",
              "Mine didn't survive a single month.", "I expected much better from this brand."))));

  /** Departments where generic hardware complaints ("broke after a week") read naturally. */
  private static final Set<Category> DURABLE = EnumSet.of(Category.ELECTRONICS, Category.HOME, Category.SPORTS,
      Category.TOYS);

  /** Defects that make sense per department; durable-goods phrases like "broke" do not fit food or books. */
  private static final Map<Category, List<String>> DEFECTS = new EnumMap<>(Map.of(
      Category.ELECTRONICS, List.of("Stopped charging after a week.", "The battery barely lasts an hour.",
          "The Bluetooth keeps disconnecting.", "The {item} overheats after ten minutes of use."),
      Category.FASHION, List.of("The seams came apart after the first wash.", "Shrank two sizes in the wash.",
          "The colour faded after a few washes.", "The fabric is thin and see-through."),
      Category.HOME, List.of("The handle snapped off after a week.", "Started rusting within days.",
          "The finish peeled off almost immediately.", "The {item} wobbles and feels cheap."),
      Category.BEAUTY, List.of("Gave me a rash.", "Smells cheap and chemical.", "The pump broke on day two.",
          "Made no difference whatsoever to my skin."),
      Category.SPORTS, List.of("The strap tore after two workouts.", "Started cracking after a few sessions.",
          "The zip broke on the first hike.", "The {item} lost its shape within a fortnight."),
      Category.BOOKS, List.of("Pages started falling out, the binding is cheap.",
          "Printed on thin paper with blurry pictures.", "Several pages were misprinted.",
          "The cover was bent and the spine cracked on first reading."),
      Category.TOYS, List.of("A wheel fell off on the first day.", "Cheap plastic that broke within an hour of play.",
          "The paint is already chipping off.", "Pieces were missing and the rest don't fit together."),
      Category.GROCERY, List.of("Arrived past its best-before date.", "Tasted stale.",
          "The packaging was split and half of it was spoiled.", "The {item} tasted nothing like it should.")));

  private static final Map<Category, String> PRAISE_BY_CATEGORY = new EnumMap<>(Map.of(
      Category.ELECTRONICS, "Battery life is excellent.",
      Category.FASHION, "Fits true to size and the fabric is lovely.",
      Category.HOME, "Looks great in our living room.",
      Category.BEAUTY, "My skin feels so much softer.",
      Category.SPORTS, "Held up perfectly through hard training sessions.",
      Category.BOOKS, "Couldn't put it down.",
      Category.TOYS, "The kids play with it every day.",
      Category.GROCERY, "Tastes wonderful and very fresh."));

  private static final List<List<String>> CLOSINGS = List.of(
      List.of(),
      List.of("Avoid.", "Complete waste of money.", "Asked for a refund.", "Won't be ordering from this shop again.",
          "Terrible experience."),
      List.of("Disappointed.", "Not what I hoped for.", "Wouldn't buy again.", "Really not impressed."),
      List.of("The product itself is fine.", "Three stars.", "Might look for something better next time.",
          "Okay, but only just."),
      List.of("Recommended.", "Would buy again.", "Very happy overall.", "Minor quibbles, but a solid choice."),
      List.of("Highly recommend!", "Five stars.", "Will definitely buy again.", "Love it!"));

  private ReviewTexts() {}

  /** Writes a review of the product on the topic; the rating is drawn from the topic's band. */
  public static WrittenReview write(final ReviewTopic topic, final CatalogProduct product, final RandomGenerator rng) {
    final int rating = topic.rating(rng);
    final Templates t = TEMPLATES.get(topic);
    final StringBuilder text = new StringBuilder(160);
    final boolean categoryDefect = topic == ReviewTopic.POOR_QUALITY && (!DURABLE.contains(product.category())
        || rng.nextBoolean());
    final String opening = categoryDefect ? pick(DEFECTS.get(product.category()), rng) : pick(t.openings(), rng);
    text.append(opening);
    if (rng.nextDouble() < 0.7) {
      final String detail = topic == ReviewTopic.PRAISE && rng.nextBoolean()
          ? PRAISE_BY_CATEGORY.get(product.category())
          : topic == ReviewTopic.POOR_QUALITY && !categoryDefect ? pick(DEFECTS.get(product.category()), rng)
          : pick(t.details(), rng);
      text.append(' ').append(detail);
    }
    if (rng.nextDouble() < 0.6) {
      text.append(' ').append(pick(CLOSINGS.get(rating), rng));
    }
    return new WrittenReview(rating, fill(text.toString(), product, rng), topic);
  }

  private static String fill(final String template, final CatalogProduct product, final RandomGenerator rng) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    return template
        .replace("{item}", product.noun())
        .replace("{days}", Integer.toString(3 + rng.nextInt(10)))
        .replace("{weeks}", Integer.toString(2 + rng.nextInt(4)))
        .replace("{pct}", Integer.toString(20 + 5 * rng.nextInt(9)))
        .replace("{price}", String.format(Locale.ROOT, "%.2f", product.price()));
  }

  private static String pick(final List<String> options, final RandomGenerator rng) {
    return options.get(rng.nextInt(options.size()));
  }
}
