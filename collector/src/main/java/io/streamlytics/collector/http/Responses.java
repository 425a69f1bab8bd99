package io.streamlytics.collector.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON answers. No stack trace or internal detail ever reaches a client. */
final class Responses {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Responses() {}

    static void json(RoutingContext ctx, int status, ObjectNode body) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(JSON.writeValueAsString(body));
    }

    static void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error");
        body.put("code", status);
        body.put("error", message);
        json(ctx, status, body);
    }

    /** 429; not dead-lettered: nothing was refused for its content, and the client will retry. */
    static void tooMany(RoutingContext ctx, long seconds, String what) {
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        error(ctx, 429, what + "; retry in " + seconds + " s");
    }

    static void unavailable(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "5");
        error(
                ctx,
                503,
                "event storage is unavailable right now; nothing was lost on our side, retry in a few seconds");
    }
}
