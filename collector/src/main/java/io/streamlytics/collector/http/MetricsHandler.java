package io.streamlytics.collector.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Prometheus text format, for a scraper that presents the metrics bearer token. */
final class MetricsHandler implements Handler<RoutingContext> {
    private final CollectorMetrics metrics;
    private final byte[] token;

    MetricsHandler(CollectorMetrics metrics, String token) {
        this.metrics = metrics;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.length == "Bearer ".length()) {
            Responses.error(
                    ctx,
                    403,
                    "metrics are off: set ANALYTICS_METRICS_TOKEN and scrape with that bearer token");
            return;
        }
        String presented = ctx.request().getHeader("Authorization");
        if (presented == null
                || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            Responses.error(ctx, 401, "send 'Authorization: Bearer <ANALYTICS_METRICS_TOKEN>'");
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape());
    }
}
