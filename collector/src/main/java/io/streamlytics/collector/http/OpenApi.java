package io.streamlytics.collector.http;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI document kept in the repository ({@code
 * collector/src/main/resources/openapi.json}).
 */
final class OpenApi {
    static final String RESOURCE = "/openapi.json";
    private static final byte[] DOCUMENT = load();

    private OpenApi() {}

    static void serve(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(DOCUMENT));
    }

    private static byte[] load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
