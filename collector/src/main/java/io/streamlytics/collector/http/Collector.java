package io.streamlytics.collector.http;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.event.EventSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The Event Collection API's HTTP server. */
public final class Collector implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private Collector(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Starts listening on {@code port} (0 picks a free one) and returns once it accepts requests.
     */
    public static Collector start(
            int port,
            int maxBatchBytes,
            WriteKeys writeKeys,
            EventPublisher publisher,
            Clock clock) {
        Vertx vertx = Vertx.vertx();
        EventReader reader = new EventReader(EventSchema.load());
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> ctx.response().end("ok"));
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBatchBytes);
        router.post("/v1/batch")
                .handler(bodies)
                .handler(new BatchHandler(false, writeKeys, reader, publisher, clock));
        router.post("/v1/events")
                .handler(bodies)
                .handler(new BatchHandler(true, writeKeys, reader, publisher, clock));
        router.errorHandler(
                413,
                ctx ->
                        Responses.error(
                                ctx,
                                413,
                                "request body is larger than "
                                        + maxBatchBytes
                                        + " bytes; send smaller batches"));
        router.errorHandler(
                404, ctx -> Responses.error(ctx, 404, "no such endpoint: " + ctx.request().path()));
        router.errorHandler(
                405, ctx -> Responses.error(ctx, 405, "method not allowed; send events with POST"));
        router.errorHandler(
                500,
                ctx ->
                        Responses.error(
                                ctx,
                                500,
                                "internal error; the request was not accepted, retry it"));
        try {
            HttpServer server =
                    vertx.createHttpServer()
                            .requestHandler(router)
                            .listen(port, "0.0.0.0")
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
            return new Collector(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(
                    "collector could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("collector did not stop cleanly", e);
        }
    }
}
