package io.segstream.streams.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig.TopItemsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP port for everything: the REST API (when this process runs the streams app), Prometheus
 * metrics, health, and the dashboard page.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final int MAX_PAGE = 10_000;

  private final Javalin app;

  private RestServer(final Javalin app) {
    this.app = app;
  }

  /**
   * @param queries the API's data source; empty for processes without a streams app (the standalone updater)
   * @param health status for /health: 200 when healthy, 503 otherwise
   */
  public static RestServer start(final String host, final int port, final Optional<SegmentQueries> queries,
      final PrometheusMeterRegistry metrics, final Supplier<HealthStatus> health) {
    return start(host, port, queries, new TopItemsSettings(Duration.ofDays(7), 100), metrics, health,
        BearerAuth.none(), Optional::empty, cfg -> { });
  }

  /** A process without the REST API (the updater): /metrics and /health, behind {@code auth}. */
  public static RestServer start(final String host, final int port, final PrometheusMeterRegistry metrics,
      final Supplier<HealthStatus> health, final BearerAuth auth) {
    return start(host, port, metrics, health, auth, Optional::empty);
  }

  /** As above, for a process running a text stage: also GET /v1/text-model. */
  public static RestServer start(final String host, final int port, final PrometheusMeterRegistry metrics,
      final Supplier<HealthStatus> health, final BearerAuth auth, final Supplier<Optional<?>> textModel) {
    return start(host, port, Optional.empty(), new TopItemsSettings(Duration.ofDays(7), 100), metrics, health, auth,
        textModel, cfg -> { });
  }

  public static RestServer start(final String host, final int port, final Optional<SegmentQueries> queries,
      final TopItemsSettings topItems,
      final PrometheusMeterRegistry metrics, final Supplier<HealthStatus> health) {
    return start(host, port, queries, topItems, metrics, health, BearerAuth.none(), Optional::empty, cfg -> { });
  }

  /**
   * @param auth bearer tokens required by the API (or none)
   * @param textModel what the text stage in this process scores reviews with, for GET /v1/text-model; empty when
   *     no text stage runs here
   * @param moreRoutes further endpoints served on the same port (the dashboard's)
   */
  public static RestServer start(final String host, final int port, final Optional<SegmentQueries> queries,
      final TopItemsSettings topItems, final PrometheusMeterRegistry metrics, final Supplier<HealthStatus> health,
      final BearerAuth auth, final Supplier<Optional<?>> textModel, final Consumer<JavalinConfig> moreRoutes) {
    final ObjectMapper mapper = new ObjectMapper();
    final Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.jsonMapper(new JavalinJackson(mapper, false));
      cfg.jetty.host = host;
      cfg.jetty.port = port;
      cfg.routes.before(auth::check);
      cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
      cfg.routes.get("/health", ctx -> {
        final HealthStatus h = health.get();
        ctx.status(h.healthy() ? 200 : 503).json(h.body());
      });
      queries.ifPresent(q -> routes(cfg, q, topItems));
      cfg.routes.get("/v1/text-model", ctx -> textModel.get().ifPresentOrElse(ctx::json,
          () -> error(ctx, 404, "no text stage runs in this process (text.enabled=false or another process)")));
      moreRoutes.accept(cfg);
      cfg.routes.exception(QueryException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
      cfg.routes.exception(InvalidStateStoreException.class,
          (e, ctx) -> error(ctx, 503, "state is being restored or rebalanced; retry shortly"));
      cfg.routes.exception(NumberFormatException.class, (e, ctx) -> error(ctx, 400, "not a number: " + e.getMessage()));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("request {} failed", ctx.path(), e);
        error(ctx, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
      });
      cfg.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          error(ctx, 404, "no such endpoint: " + ctx.path());
        }
      });
    });
    try {
      app.start();
    } catch (final RuntimeException e) {
      throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + " (" + rootMessage(e)
          + "); choose another port with --port or http.port", e);
    }
    LOG.info("HTTP on http://{}:{} (REST API {}, /metrics, /health)", host, app.port(),
        queries.isPresent() ? "/v1, dashboard /" : "off");
    return new RestServer(app);
  }

  private static void routes(final io.javalin.config.JavalinConfig cfg, final SegmentQueries q,
      final TopItemsSettings topItems) {
    cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(dashboard()));
    cfg.routes.get("/v1/users/{userId}", ctx ->
        answer(ctx, q.user(ctx.pathParam("userId"), localOnly(ctx), staleOk(ctx))));
    cfg.routes.get("/v1/users/{userId}/explain", ctx ->
        answer(ctx, q.explain(ctx.pathParam("userId"), localOnly(ctx), staleOk(ctx))));
    cfg.routes.get("/v1/segments", ctx -> ctx.json(q.segments()));
    cfg.routes.get("/v1/segments/{id}/users", ctx -> {
      final int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
      if (limit < 1 || limit > MAX_PAGE) {
        throw new QueryException(400, "limit must be 1.." + MAX_PAGE);
      }
      final String after = Optional.ofNullable(ctx.queryParam("after")).orElse("");
      ctx.json(q.members(Integer.parseInt(ctx.pathParam("id")), after, limit, localOnly(ctx)));
    });
    cfg.routes.get("/v1/segments/{id}/top-items", ctx -> {
      final int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("10"));
      if (limit < 1 || limit > topItems.capacity()) {
        throw new QueryException(400, "limit must be 1.." + topItems.capacity() + " (top-items.capacity)");
      }
      ctx.json(q.topItems(Integer.parseInt(ctx.pathParam("id")), limit, localOnly(ctx), topItems.halfLife().toMillis(),
          topItems.capacity()));
    });
    cfg.routes.get("/v1/model", ctx -> ctx.json(q.modelResponse()));
    cfg.routes.get("/v1/internal/sizes", ctx -> ctx.json(new Responses.Sizes(q.localSizes())));
  }

  private static boolean localOnly(final Context ctx) {
    return "true".equals(ctx.header(QueryRouter.LOCAL_ONLY_HEADER));
  }

  private static boolean staleOk(final Context ctx) {
    return "true".equals(ctx.header(QueryRouter.STALE_OK_HEADER));
  }

  private static void answer(final Context ctx, final QueryRouter.Answer a) {
    if (a.possiblyStale()) {
      ctx.header(QueryRouter.POSSIBLY_STALE_HEADER, "true");
    }
    ctx.contentType("application/json").result(a.body());
  }

  private static void error(final Context ctx, final int status, final String message) {
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"segstream\"");
    }
    if (status == 503) {
      // Restoring, rebalancing, failing over: over in seconds, so clients should come back rather than give up.
      ctx.header("Retry-After", "1");
    }
    ctx.status(status).json(new Responses.Error(status, message));
  }

  private static String dashboard() throws IOException {
    try (InputStream in = RestServer.class.getResourceAsStream("/io/segstream/streams/dashboard.html")) {
      if (in == null) {
        throw new QueryException(404, "dashboard page missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String rootMessage(final Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
