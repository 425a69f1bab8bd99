package io.streamlytics.collector.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A bearer token an operations endpoint asks for; an empty one turns the endpoint off. */
final class BearerToken {
    private final byte[] expected;

    BearerToken(String token) {
        this.expected =
                token.isEmpty()
                        ? new byte[0]
                        : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return expected.length > 0;
    }

    /** Whether the request's Authorization header holds the token (compared in constant time). */
    boolean presentedIn(RoutingContext ctx) {
        String presented = ctx.request().getHeader("Authorization");
        return configured()
                && presented != null
                && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
