package io.streamlytics.collector.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Prometheus text format, for a scraper that presents the metrics bearer token. */
final class MetricsHandler implements Handler<RoutingContext> {
    private final CollectorMetrics metrics;
    private final BearerToken token;

    MetricsHandler(CollectorMetrics metrics, String token) {
        this.metrics = metrics;
        this.token = new BearerToken(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!token.configured()) {
            Responses.error(
                    ctx,
                    403,
                    "metrics are off: set ANALYTICS_METRICS_TOKEN and scrape with that bearer token");
            return;
        }
        if (!token.presentedIn(ctx)) {
            Responses.error(ctx, 401, "send 'Authorization: Bearer <ANALYTICS_METRICS_TOKEN>'");
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape());
    }
}
