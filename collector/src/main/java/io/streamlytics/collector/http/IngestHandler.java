package io.streamlytics.collector.http;

import io.streamlytics.collector.auth.WriteKeyExtractor;
import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.body.BodyDecoder;
import io.streamlytics.collector.body.JsonBodies;
import io.streamlytics.collector.body.Rejection;
import io.streamlytics.collector.dialect.Dialect;
import io.streamlytics.collector.dialect.MappingException;
import io.streamlytics.collector.enrich.Enricher;
import io.streamlytics.collector.intake.EventIntake;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.collector.ratelimit.RateLimits;
import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.postgres.Projects;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes events in one dialect: decode the body, find the write key, check the key's event rate,
 * then hand the events to {@link EventIntake}; valid events go to {@code events.raw}, rejected ones
 * to {@code events.dlq}, and the answer comes only after Kafka acknowledged both.
 */
final class IngestHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    private final Dialect dialect;
    private final WriteKeys writeKeys;
    private final EventIntake intake;
    private final Enricher enricher;
    private final EventPublisher publisher;
    private final CollectorMetrics metrics;
    private final RateLimits limits;
    private final Clock clock;

    IngestHandler(
            Dialect dialect,
            WriteKeys writeKeys,
            EventIntake intake,
            Enricher enricher,
            EventPublisher publisher,
            CollectorMetrics metrics,
            RateLimits limits,
            Clock clock) {
        this.dialect = dialect;
        this.writeKeys = writeKeys;
        this.intake = intake;
        this.enricher = enricher;
        this.publisher = publisher;
        this.metrics = metrics;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Instant receivedAt = clock.instant();
        HttpServerRequest request = ctx.request();
        byte[] raw = body(ctx);
        Dialect.Request meta = new Dialect.Request(request.path(), receivedAt, query(request));
        Optional<String> headerKey =
                WriteKeyExtractor.fromAuthorization(request.getHeader("Authorization"))
                        .or(() -> queryKey(meta.query()));
        Dialect.Envelope envelope;
        int bodyBytes;
        try {
            String body =
                    BodyDecoder.decode(
                            raw,
                            new BodyDecoder.Encoding(
                                    request.getHeader("Content-Encoding"),
                                    request.getHeader("Content-Type"),
                                    meta.query().get("compression")),
                            dialect.maxBodyBytes());
            bodyBytes = utf8Length(body);
            envelope = dialect.envelope(JsonBodies.parse(body), meta);
        } catch (Rejection r) {
            rejectRequest(ctx, headerKey, receivedAt, r.status(), r.reason(), raw);
            return;
        } catch (MappingException e) {
            rejectRequest(ctx, headerKey, receivedAt, 400, e.getMessage(), raw);
            return;
        }
        Optional<String> key = headerKey.or(envelope::writeKey);
        if (key.isEmpty()) {
            rejectRequest(
                    ctx,
                    key,
                    receivedAt,
                    401,
                    "missing write key: send it as the HTTP Basic user name, as 'Authorization: Bearer"
                            + " <key>', or in the body (write_key, api_key or token)",
                    raw);
            return;
        }
        Future.fromCompletionStage(writeKeys.project(key.get()), ctx.vertx().getOrCreateContext())
                .onSuccess(
                        project -> {
                            if (project.isEmpty()) {
                                rejectRequest(
                                        ctx,
                                        Optional.empty(),
                                        receivedAt,
                                        401,
                                        "unknown or revoked write key",
                                        raw);
                                return;
                            }
                            OptionalLong wait = limits.events(key.get(), envelope.events().size());
                            if (wait.isPresent()) {
                                metrics.request(dialect.name(), 429);
                                Responses.tooMany(
                                        ctx,
                                        wait.getAsLong(),
                                        "this write key sends more events per second than allowed");
                            } else {
                                accept(ctx, project.get(), envelope, meta, bodyBytes);
                            }
                        })
                .onFailure(
                        error -> {
                            LOG.error("write key lookup failed", error);
                            metrics.request(dialect.name(), 503);
                            ctx.response().putHeader("Retry-After", "5");
                            Responses.error(
                                    ctx,
                                    503,
                                    "cannot check write keys right now; retry in a few seconds");
                        });
    }

    private void accept(
            RoutingContext ctx,
            Projects.Project project,
            Dialect.Envelope envelope,
            Dialect.Request meta,
            int bodyBytes) {
        EventIntake.Outcome outcome =
                intake.take(
                        dialect,
                        envelope,
                        project,
                        meta,
                        enricher.client(ctx.request()),
                        bodyBytes);
        outcome.failures().forEach(f -> f.problems().forEach(metrics::rejectedEvent));
        long started = System.nanoTime();
        Future.fromCompletionStage(
                        publisher.publishBatch(outcome.accepted(), outcome.rejected()),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(
                        done -> {
                            metrics.kafkaSend(System.nanoTime() - started);
                            metrics.acceptedEvents(outcome.accepted().size());
                            if (outcome.failures().isEmpty()) {
                                metrics.request(dialect.name(), 200);
                                String answer = dialect.successBody(outcome.accepted().size());
                                ctx.response()
                                        .setStatusCode(200)
                                        .putHeader(
                                                "Content-Type",
                                                answer.startsWith("{")
                                                        ? "application/json"
                                                        : "text/plain")
                                        .end(answer);
                            } else {
                                metrics.request(dialect.name(), 400);
                                Responses.json(
                                        ctx, 400, partial(outcome, envelope.events().size()));
                            }
                        })
                .onFailure(
                        error -> {
                            LOG.warn("Kafka did not acknowledge a batch: {}", error.toString());
                            metrics.request(dialect.name(), 503);
                            Responses.unavailable(ctx);
                        });
    }

    private static ObjectNode partial(EventIntake.Outcome outcome, int total) {
        ObjectNode answer = Responses.JSON.createObjectNode();
        answer.put("status", "partial");
        answer.put("code", 400);
        answer.put("accepted", outcome.accepted().size());
        answer.put(
                "error",
                outcome.failures().size()
                        + " of "
                        + total
                        + " events were rejected; the others were accepted");
        ArrayNode rejected = answer.putArray("rejected");
        for (EventIntake.Failure failure : outcome.failures()) {
            ObjectNode item = rejected.addObject();
            item.put("index", failure.index());
            var errors = item.putArray("errors");
            failure.problems().forEach(errors::add);
        }
        return answer;
    }

    /** The whole request is refused; its body still goes to the DLQ. */
    private void rejectRequest(
            RoutingContext ctx,
            Optional<String> key,
            Instant receivedAt,
            int status,
            String reason,
            byte[] raw) {
        metrics.request(dialect.name(), status);
        metrics.rejectedRequest(status);
        CompletableFuture<Optional<Projects.Project>> project =
                key.isPresent()
                        ? writeKeys.project(key.get())
                        : CompletableFuture.completedFuture(Optional.empty());
        Future.fromCompletionStage(
                        project.thenCompose(
                                p ->
                                        publisher.deadLetter(
                                                DeadLetter.ofRequest(
                                                        p.map(Projects.Project::id).orElse(0L),
                                                        ctx.request().path(),
                                                        receivedAt.toEpochMilli(),
                                                        List.of(reason),
                                                        raw))),
                        ctx.vertx().getOrCreateContext())
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                LOG.warn(
                                        "could not dead-letter a rejected request: {}",
                                        done.cause().toString());
                            }
                            Responses.error(ctx, status, reason);
                        });
    }

    /** UTF-8 length of text, without encoding it. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The POST body, or for a GET the {@code data} query parameter as a form body. */
    private static byte[] body(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET) {
            String data = ctx.request().getParam("data");
            return data == null
                    ? new byte[0]
                    : ("data=" + URLEncoder.encode(data, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
        }
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    private static Map<String, String> query(HttpServerRequest request) {
        Map<String, String> query = new HashMap<>();
        request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
        return query;
    }

    static Optional<String> queryKey(Map<String, String> query) {
        for (String name : List.of("api_key", "token", "write_key", "writeKey")) {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
