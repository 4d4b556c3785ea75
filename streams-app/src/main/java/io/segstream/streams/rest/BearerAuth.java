package io.segstream.streams.rest;

import io.javalin.http.Context;
import io.segstream.core.config.SegstreamConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Optional bearer-token authentication of the HTTP API: with tokens configured, every request outside the open
 * paths needs {@code Authorization: Bearer <token>}. A missing token is a 401 (with {@code WWW-Authenticate}), a
 * token that is not accepted a 403; both say why.
 *
 * <p>The dashboard page itself ({@code /}) is always served: it is static HTML without data, and a browser
 * cannot send a header when it opens a page. The page asks for a token and sends it with every API call.
 */
public final class BearerAuth {
  private static final String PREFIX = "Bearer ";
  private static final String DASHBOARD_PAGE = "/";
  private final List<byte[]> tokens;
  private final Optional<String> first;
  private final List<String> openPaths;

  private BearerAuth(final List<String> tokens, final List<String> openPaths) {
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    this.first = tokens.stream().findFirst();
    this.openPaths = List.copyOf(openPaths);
  }

  public static BearerAuth of(final SegstreamConfig.Auth auth) {
    return new BearerAuth(auth.tokens(), auth.openPaths());
  }

  /** No authentication: every request is served. */
  public static BearerAuth none() {
    return new BearerAuth(List.of(), List.of());
  }

  /** The token this instance sends when it forwards a request to another instance. */
  public Optional<String> forwardingToken() {
    return first;
  }

  /** @throws QueryException 401 or 403 when the request may not be served */
  void check(final Context ctx) {
    if (tokens.isEmpty() || openPaths.contains(ctx.path()) || DASHBOARD_PAGE.equals(ctx.path())) {
      return;
    }
    final String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new QueryException(401, "this API needs a bearer token: send 'Authorization: Bearer <token>' with one"
          + " of the tokens set in http.auth.tokens");
    }
    final byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
    boolean accepted = false;
    for (final byte[] t : tokens) {
      accepted |= MessageDigest.isEqual(t, given); // constant time: no hint from how long a comparison took
    }
    if (!accepted) {
      throw new QueryException(403, "the bearer token is not accepted: it is not one of http.auth.tokens");
    }
  }
}
