package io.streamlytics.collector.http;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.dialect.AmplitudeDialect;
import io.streamlytics.collector.dialect.Dialect;
import io.streamlytics.collector.dialect.MixpanelDialect;
import io.streamlytics.collector.dialect.NativeDialect;
import io.streamlytics.collector.dialect.PostHogDialect;
import io.streamlytics.collector.dialect.PostHogOrAmplitude;
import io.streamlytics.collector.dialect.SegmentDialect;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.enrich.Enricher;
import io.streamlytics.collector.enrich.UserAgents;
import io.streamlytics.collector.intake.EventIntake;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.collector.ratelimit.RateLimits;
import io.streamlytics.collector.replay.DlqReplay;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.event.EventSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The Event Collection API's HTTP server: every dialect's endpoints, health, metrics, OpenAPI. */
public final class Collector implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private Collector(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** The ingestion endpoints and the dialect each speaks. */
    public static Map<String, Dialect> endpoints(PlatformConfig.Collector config) {
        int regular = config.maxBatchBytes();
        int large = config.maxLargeBatchBytes();
        Map<String, Dialect> endpoints = new LinkedHashMap<>();
        endpoints.put("/v1/batch", new NativeDialect(false, regular));
        endpoints.put("/v1/events", new NativeDialect(true, regular));
        for (String type : List.of("track", "identify", "page", "screen", "group", "alias")) {
            endpoints.put("/v1/" + type, new SegmentDialect(type, regular));
        }
        PostHogDialect posthog = new PostHogDialect(large);
        for (String path : List.of("/capture", "/e", "/i/v0/e")) {
            endpoints.put(path, posthog);
        }
        endpoints.put("/batch", new PostHogOrAmplitude(large));
        endpoints.put("/2/httpapi", new AmplitudeDialect(large));
        for (String endpoint : List.of("track", "engage", "import")) {
            endpoints.put("/" + endpoint, new MixpanelDialect(endpoint, regular));
        }
        return endpoints;
    }

    /** The paths of the ingestion endpoints. */
    public static Set<String> ingestionPaths() {
        return endpoints(PlatformConfig.fromEnvironment(Map.of()).collector()).keySet();
    }

    /**
     * Starts listening on the configured port (0 picks a free one); returns once it accepts
     * requests.
     */
    public static Collector start(
            PlatformConfig.Collector config,
            WriteKeys writeKeys,
            EventPublisher publisher,
            Clock clock) {
        return start(config, writeKeys, publisher, clock, Countries.NONE);
    }

    /** As above, with client countries looked up in {@code countries}. */
    public static Collector start(
            PlatformConfig.Collector config,
            WriteKeys writeKeys,
            EventPublisher publisher,
            Clock clock,
            Countries countries) {
        return start(config, writeKeys, publisher, clock, countries, Optional.empty());
    }

    /**
     * As above, with {@code POST /admin/dlq/replay} replaying the letters of {@code replay} (for
     * the console's dead-letter page) when the config has an admin token, judged by this
     * collector's own endpoints and intake.
     */
    public static Collector start(
            PlatformConfig.Collector config,
            WriteKeys writeKeys,
            EventPublisher publisher,
            Clock clock,
            Countries countries,
            Optional<DlqReplay.Source> replay) {
        UserAgents.warmUp();
        Vertx vertx = Vertx.vertx();
        EventReader reader = new EventReader(EventSchema.load());
        Enricher enricher = new Enricher(config.trustForwardedFor(), countries);
        EventIntake intake = new EventIntake(reader, enricher);
        CollectorMetrics metrics = new CollectorMetrics();
        RateLimits limits =
                new RateLimits(config.requestsPerSecondPerIp(), config.eventsPerSecondPerKey());
        Router router = Router.router(vertx);
        ClientRateLimit clientLimit = new ClientRateLimit(limits);

        router.route()
                .handler(
                        CorsHandler.create()
                                .allowedMethods(
                                        Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                                .allowedHeaders(
                                        Set.of("Content-Type", "Authorization", "Content-Encoding"))
                                .maxAgeSeconds(86_400));
        router.get("/health/live").handler(ctx -> ctx.response().end("ok"));
        router.get("/health/ready").handler(new ReadinessHandler(publisher));
        router.get("/metrics").handler(new MetricsHandler(metrics, config.metricsToken()));
        router.get("/openapi.json").handler(OpenApi::serve);
        Map<String, Dialect> endpoints = endpoints(config);
        router.post("/admin/dlq/replay")
                .handler(
                        new DlqReplayHandler(
                                replay.map(r -> r.replay(endpoints, intake, publisher)),
                                config.adminToken()));
        for (Map.Entry<String, Dialect> endpoint : endpoints.entrySet()) {
            Dialect dialect = endpoint.getValue();
            IngestHandler ingest =
                    new IngestHandler(
                            dialect, writeKeys, intake, enricher, publisher, metrics, limits,
                            clock);
            BodyHandler bodies = BodyHandler.create(false).setBodyLimit(dialect.maxBodyBytes());
            for (String path : List.of(endpoint.getKey(), endpoint.getKey() + "/")) {
                router.post(path).handler(clientLimit).handler(bodies).handler(ingest);
                // Mixpanel's and PostHog's browser SDKs may send data=... in the query of a GET
                router.get(path).handler(clientLimit).handler(ingest);
            }
        }
        router.errorHandler(
                413,
                ctx -> {
                    // The body was not read (that is the point of the limit), so the dead letter
                    // keeps only the reason and the size the client announced.
                    metrics.request("any", 413);
                    String reason =
                            "request body of "
                                    + ctx.request().getHeader("Content-Length")
                                    + " bytes is larger than this endpoint accepts; send smaller batches";
                    publisher.deadLetter(
                            new DeadLetter(
                                    DeadLetter.Kind.REQUEST,
                                    0,
                                    ctx.request().path(),
                                    clock.millis(),
                                    List.of(reason),
                                    new byte[0],
                                    true,
                                    true,
                                    0));
                    Responses.error(ctx, 413, reason);
                });
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
                    vertx.createHttpServer(
                                    new HttpServerOptions()
                                            // a client that stalls mid-request loses its
                                            // connection instead of holding it open
                                            .setIdleTimeout((int) config.idleTimeout().toMillis())
                                            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                                            .setCompressionSupported(false))
                            .requestHandler(router)
                            .listen(config.port(), "0.0.0.0")
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
            return new Collector(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(
                    "collector could not listen on port " + config.port() + ": " + e.getMessage(),
                    e);
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
