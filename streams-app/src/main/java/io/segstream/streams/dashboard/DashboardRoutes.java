package io.segstream.streams.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.segstream.streams.rest.QueryException;
import java.util.Optional;

/**
 * The JSON behind the dashboard's panels, and its live change stream. Each answer covers every instance: sizes
 * are sampled from the aggregated {@code /v1/segments}, counters are added up over instances, and every instance's
 * change feed reads all partitions of the changes topic.
 */
public final class DashboardRoutes {
  private static final int DAY_MINUTES = 24 * 60;

  private DashboardRoutes() {}

  public static void register(final JavalinConfig cfg, final Dashboard d) {
    cfg.routes.get("/v1/dashboard/sizes", ctx -> ctx.json(d.sizes(minutes(ctx, 60))));
    cfg.routes.get("/v1/dashboard/flows", ctx -> ctx.json(d.flows(minutes(ctx, 60))));
    cfg.routes.get("/v1/dashboard/changes", ctx -> ctx.json(d.feed().recent(intParam(ctx, "limit", 50, 1, 200))));
    cfg.routes.sse("/v1/dashboard/changes/stream", client -> d.feed().subscribe(client));
    cfg.routes.get("/v1/dashboard/profiles", ctx -> ctx.json(d.profiles()));
    cfg.routes.get("/v1/dashboard/health", ctx -> ctx.json(d.health()));
    cfg.routes.get("/v1/users/{userId}/changes", ctx -> ctx.json(d.userChanges(ctx.pathParam("userId"))));
    cfg.routes.get("/v1/internal/counters", ctx -> ctx.json(d.localCounts()));
  }

  private static int minutes(final Context ctx, final int otherwise) {
    return intParam(ctx, "minutes", otherwise, 1, DAY_MINUTES);
  }

  private static int intParam(final Context ctx, final String name, final int otherwise, final int min, final int max) {
    final int v = Integer.parseInt(Optional.ofNullable(ctx.queryParam(name)).orElse(Integer.toString(otherwise)));
    if (v < min || v > max) {
      throw new QueryException(400, name + " must be " + min + ".." + max);
    }
    return v;
  }
}
