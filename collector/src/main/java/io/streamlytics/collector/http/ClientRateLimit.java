package io.streamlytics.collector.http;

import io.streamlytics.collector.ratelimit.RateLimits;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.OptionalLong;

/** Refuses a client over its request rate before its body is even read. */
final class ClientRateLimit implements PlatformHandler {
    private final RateLimits limits;

    ClientRateLimit(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        OptionalLong wait = limits.request(address == null ? "?" : address.hostAddress());
        if (wait.isPresent()) {
            Responses.tooMany(ctx, wait.getAsLong(), "too many requests from this address");
        } else {
            ctx.next();
        }
    }
}
