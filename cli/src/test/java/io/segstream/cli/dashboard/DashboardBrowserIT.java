package io.segstream.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.UserEvent;
import io.segstream.cli.SystemUnderTest;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSettings;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser against the whole system on a real broker (streams app, model updater, simulated
 * shop): every panel shows data, a change caused by an event sent here arrives on the live feed, the user lookup
 * draws the explanation, nothing is logged to the browser's console as an error, and the page fits a phone.
 * Screenshots go to target/ for humans.
 */
class DashboardBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  @TempDir Path dir;

  @Test
  @SuppressWarnings("try") // the updater runs for the whole test without being referenced
  void everyPanelShowsTheLiveSystem() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SystemUnderTest system = SystemUnderTest.on(kafka.bootstrapServers(), dir, "dashboard-it", Map.of(
          "updater.bootstrap-vectors", "500",
          "updater.publish-interval-seconds", "3"));
      final SegstreamConfig config = system.config();
      final int port = system.httpPort();
      final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      final ShopSimulator shop = new ShopSimulator(SimulatorConfig.defaults().withUsers(600).withSeed(11)
          .withHistoryDays(14).withLiveEventsPerSecond(50));
      try (StreamsApp app = StreamsApp.start(config, metrics, CategoryResolver.shopCategory());
          ModelUpdater updater = new ModelUpdater(config, metrics).start();
          TrafficProducer traffic = TrafficProducer.connect(kafka.bootstrapServers(), shop,
              TrafficSettings.of(config.topics().events().getFirst()))) {
        await().atMost(WAIT).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        final Thread shopping = Thread.ofVirtual().start(() -> {
          try {
            traffic.runUntilStopped();
          } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        final String base = "http://localhost:" + port;
        await().atMost(WAIT).until(() -> status(base + "/v1/dashboard/profiles") == 200);

        final ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"), 1400, 3000);
        Files.createDirectories(Path.of("target"));
        boolean passed = false;
        try {
          browser.get(base + "/");
          // The page re-renders its panels as data arrives (options too, when a new model renames segments).
          final WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(250));
          wait.ignoring(StaleElementReferenceException.class);
          for (final String panel : List.of("segments", "flows", "changes", "profiles", "health")) {
            wait.withMessage(() -> "panel '" + panel + "' never showed data")
                .until(d -> "ready".equals(d.findElement(By.id(panel)).getAttribute("data-state")));
          }

          // Segments: one row per segment of the model, each with its size and a sparkline of its history.
          // Checked inside waits that ignore stale elements: a new model version re-renders the panels at any time.
          wait.withMessage("the segments table never showed one row per segment with its size").until(d -> {
            final List<WebElement> rows = d.findElements(By.cssSelector("#segments-body tr"));
            return rows.size() == 5 && rows.getFirst().findElement(By.cssSelector("td.num")).getText().matches("[\\d,]+");
          });
          wait.withMessage("no sparklines of segment sizes").until(d -> d.findElements(By.cssSelector("#segments-body svg path")).size() == 10);

          // Flows: a matrix with row and column headers, new users coming from outside.
          wait.withMessage("the flows matrix has no row headers or no new users").until(d ->
              !d.findElements(By.cssSelector("#flows-matrix th[scope=row]")).isEmpty()
                  && d.findElement(By.id("flows-matrix")).getText().contains("(new)"));
          wait.withMessage("the largest flows have no reasons").until(d -> {
            final String top = d.findElement(By.id("flows-top")).getText();
            return top.contains("new user") || top.contains("behaviour") || top.contains("model update");
          });

          // Profiles: a row per feature with a cell per segment; top items of some segment.
          wait.withMessage("the heatmap has no row per feature and cell per segment").until(d ->
              d.findElements(By.cssSelector("#heatmap tr th[scope=row]")).size() > 10
                  && d.findElements(By.cssSelector("#heatmap tr:nth-child(2) td")).size() == 6);
          showTopItemsOfSomeSegment(browser, wait);

          // Model health: a version, trained vectors, inertia over versions, drift per segment, events/s.
          wait.until(d -> !d.findElement(By.cssSelector("#hc-version b")).getText().equals("–"));
          wait.withMessage("model health shows no trained vectors, inertia or drift per segment").until(d ->
              d.findElement(By.cssSelector("#hc-trained b")).getText().matches("[\\d,]+")
                  && !d.findElements(By.cssSelector("#health-inertia svg circle")).isEmpty()
                  && d.findElements(By.cssSelector("#health-drift tr")).size() == 5);
          wait.withMessage("events/s never measured").until(d -> !d.findElements(By.cssSelector("#health-rate svg")).isEmpty());
          wait.withMessage("updater lag never known").until(d -> d.findElement(By.cssSelector("#hc-lag b")).getText().matches("[\\d,]+"));

          // Live feed: a brand-new user's first event becomes a NEW_USER change on the page.
          final String newcomer = "browser-test-" + UUID.randomUUID().toString().substring(0, 8);
          send(config, Events.view(newcomer, System.currentTimeMillis(), "s-" + newcomer, "books"));
          wait.withMessage("the change for " + newcomer + " never reached the live feed")
              .until(d -> d.findElements(By.cssSelector("#feed-body tr[data-user='" + newcomer + "']")).stream()
                  .anyMatch(r -> r.getText().contains("new user")));
          pauseAndFilterWork(browser);

          // Dead letters by reason: a record that is not an event is counted as malformed.
          sendRaw(config, "not an event".getBytes(StandardCharsets.UTF_8));
          wait.withMessage("the malformed record never showed among the dead letters")
              .until(d -> d.findElement(By.id("health-dead")).getText().matches("(?s).*malformed\\s+1\\b.*"));

          // User lookup: the explanation as bars of distances with the margin, and the change just seen.
          browser.findElement(By.id("user-id")).sendKeys(newcomer);
          browser.findElement(By.cssSelector("#user-form button")).click();
          wait.withMessage("the user lookup never showed the explanation")
              .until(d -> "ready".equals(d.findElement(By.id("user")).getAttribute("data-state")));
          wait.withMessage("the explanation lacks bars, the margin, reasons or the user's history").until(d ->
              d.findElements(By.cssSelector("#explain-chart rect")).size() == 5
                  && d.findElement(By.id("explain-chart")).getText().contains("(assigned)")
                  && d.findElement(By.id("explain-chart")).getText().contains("margin")
                  && !d.findElements(By.cssSelector("#explain-reasons li")).isEmpty()
                  && d.findElement(By.id("user-history")).getText().contains("new user"));

          screenshot(browser, Path.of("target", "dashboard.png"));

          assertThat(severe(browser)).as("errors in the browser console").isEmpty();

          // A phone: nothing wider than the screen except inside the panels' own scrolling boxes.
          browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 2400));
          browser.navigate().refresh();
          wait.until(d -> "ready".equals(d.findElement(By.id("segments")).getAttribute("data-state")));
          @SuppressWarnings("unchecked")
          final List<String> tooWide = (List<String>) ((JavascriptExecutor) browser).executeScript(
              "const w = document.documentElement.clientWidth;"
              + "return [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll')"
              + "  && e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '#' + e.id + '.' + e.className"
              + "  + ' ' + Math.round(e.getBoundingClientRect().right));");
          assertThat(tooWide).as("elements wider than a phone screen (outside the panels' scrolling boxes)").isEmpty();
          screenshot(browser, Path.of("target", "dashboard-phone.png"));
          assertThat(severe(browser)).as("errors in the browser console").isEmpty();
          passed = true;
        } finally {
          if (!passed) {
            screenshot(browser, Path.of("target", "dashboard-failed.png"));
            System.out.println("browser console: " + browser.manage().logs().get(LogType.BROWSER).getAll());
          }
          browser.quit();
          traffic.stop();
          shopping.join(10_000);
        }
      }
    }
  }

  /**
   * With {@code http.auth.tokens} set, the page asks for a token, says when one is refused, and with the right one
   * shows the data and the live feed (fetched with the header, since EventSource cannot send one).
   */
  @Test
  @SuppressWarnings("try")
  void behindBearerTokensThePageAsksForOneAndThenWorks() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final SystemUnderTest system = SystemUnderTest.on(kafka.bootstrapServers(), dir, "dashboard-auth-it", Map.of(
          "http.auth.tokens", "dashboard-secret",
          "topics.partitions", "1"));
      final SegstreamConfig config = system.config();
      final int port = system.httpPort();
      final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      final ShopSimulator shop = new ShopSimulator(SimulatorConfig.defaults().withUsers(300).withSeed(5)
          .withHistoryDays(7));
      try (StreamsApp app = StreamsApp.start(config, metrics, CategoryResolver.shopCategory());
          ModelUpdater updater = new ModelUpdater(config, metrics).start();
          TrafficProducer traffic = TrafficProducer.connect(kafka.bootstrapServers(), shop,
              TrafficSettings.of(config.topics().events().getFirst()))) {
        await().atMost(WAIT).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        traffic.sendHistory();
        final String base = "http://localhost:" + port;
        await().atMost(WAIT).until(() -> status(base + "/v1/dashboard/profiles") == 401);

        final ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"), 1200, 2000);
        boolean passed = false;
        try {
          browser.get(base + "/");
          final WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(250));
          wait.ignoring(StaleElementReferenceException.class);
          wait.withMessage("the page never asked for a token").until(d -> d.findElement(By.id("auth")).isDisplayed()
              && d.findElement(By.id("auth-msg")).getText().contains("needs a bearer token"));
          assertThat(browser.findElement(By.id("segments")).getAttribute("data-state")).isEqualTo("loading");

          useToken(browser, "a-guess");
          wait.withMessage("a wrong token was not refused on the page").until(d ->
              d.findElement(By.id("auth")).isDisplayed()
                  && d.findElement(By.id("auth-msg")).getText().contains("not accepted"));

          useToken(browser, "dashboard-secret");
          wait.withMessage("the segments never showed with the right token").until(d ->
              "ready".equals(d.findElement(By.id("segments")).getAttribute("data-state")));
          assertThat(browser.findElement(By.id("auth")).isDisplayed()).isFalse();
          wait.withMessage("the live feed never connected with the token").until(d ->
              d.findElement(By.id("hdr-live")).getText().equals("live feed: connected"));

          final String newcomer = "token-test-" + UUID.randomUUID().toString().substring(0, 8);
          send(config, Events.view(newcomer, System.currentTimeMillis(), "s-" + newcomer, "books"));
          wait.withMessage("the change for " + newcomer + " never reached the live feed fetched with a token")
              .until(d -> d.findElements(By.cssSelector("#feed-body tr[data-user='" + newcomer + "']")).stream()
                  .anyMatch(r -> r.getText().contains("new user")));
          passed = true;
        } finally {
          if (!passed) {
            Files.createDirectories(Path.of("target"));
            screenshot(browser, Path.of("target", "dashboard-auth-failed.png"));
            System.out.println("browser console: " + browser.manage().logs().get(LogType.BROWSER).getAll());
          }
          browser.quit();
        }
      }
    }
  }

  private static void useToken(final WebDriver browser, final String token) {
    final WebElement field = browser.findElement(By.id("auth-token"));
    field.clear();
    field.sendKeys(token);
    browser.findElement(By.cssSelector("#auth button")).click();
  }

  private static void showTopItemsOfSomeSegment(final WebDriver browser, final WebDriverWait wait) {
    final Select choice = new Select(browser.findElement(By.id("items-segment")));
    final int options = choice.getOptions().size();
    assertThat(options).isEqualTo(5);
    wait.withMessage("no segment ever had trending items").until(d -> {
      for (int i = 0; i < options; i++) {
        new Select(d.findElement(By.id("items-segment"))).selectByIndex(i);
        final String id = new Select(d.findElement(By.id("items-segment"))).getFirstSelectedOption().getAttribute("value");
        final long deadline = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < deadline && !id.equals(d.findElement(By.id("items-body")).getAttribute("data-segment"))) {
          Thread.onSpinWait();
        }
        if (!d.findElements(By.cssSelector("#items-body td.num")).isEmpty()) {
          return true;
        }
      }
      return false;
    });
  }

  private static void pauseAndFilterWork(final WebDriver browser) {
    final WebElement pause = browser.findElement(By.id("feed-pause"));
    pause.click();
    assertThat(pause.getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(browser.findElement(By.id("feed-count")).getText()).contains("paused");
    new Select(browser.findElement(By.id("feed-reason"))).selectByValue("NEW_USER");
    assertThat(browser.findElements(By.cssSelector("#feed-body tr[data-reason]")))
        .isNotEmpty().allMatch(r -> "NEW_USER".equals(r.getAttribute("data-reason")));
    new Select(browser.findElement(By.id("feed-reason"))).selectByValue("");
    pause.click();
    assertThat(pause.getAttribute("aria-pressed")).isEqualTo("false");
  }

  private static List<String> severe(final WebDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  private static void screenshot(final ChromeDriver browser, final Path to) throws Exception {
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void send(final SegstreamConfig config, final UserEvent e) throws Exception {
    produce(config, e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("", e));
  }

  private static void sendRaw(final SegstreamConfig config, final byte[] value) throws Exception {
    produce(config, "garbage".getBytes(StandardCharsets.UTF_8), value);
  }

  private static void produce(final SegstreamConfig config, final byte[] key, final byte[] value) throws Exception {
    final Map<String, Object> p = new java.util.HashMap<>(config.kafkaClientBase());
    p.put("key.serializer", ByteArraySerializer.class);
    p.put("value.serializer", ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(config.topics().events().getFirst(), key, value)).get();
    }
  }

  private static int status(final String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (final Exception e) {
      return 0;
    }
  }
}
