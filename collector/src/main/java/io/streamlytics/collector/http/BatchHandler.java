package io.streamlytics.collector.http;

import io.streamlytics.collector.auth.WriteKeyExtractor;
import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.kafka.DeadLetter;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.postgres.Projects;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/batch} ({@code {"batch": [event, …], "sent_at": …}}) and {@code POST /v1/events}
 * (one event). Valid events go to {@code events.raw}, invalid ones to {@code events.dlq}, and the
 * answer comes only after Kafka acknowledged both.
 */
final class BatchHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

    private final boolean single;
    private final WriteKeys writeKeys;
    private final EventReader reader;
    private final EventPublisher publisher;
    private final Clock clock;

    BatchHandler(
            boolean single,
            WriteKeys writeKeys,
            EventReader reader,
            EventPublisher publisher,
            Clock clock) {
        this.single = single;
        this.writeKeys = writeKeys;
        this.reader = reader;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Instant receivedAt = clock.instant();
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        JsonNode json = parse(body);
        Optional<String> key =
                WriteKeyExtractor.fromAuthorization(ctx.request().getHeader("Authorization"))
                        .or(() -> bodyKey(json));
        if (key.isEmpty()) {
            Responses.error(
                    ctx,
                    401,
                    "missing write key: send it as the HTTP Basic user name, as 'Authorization: Bearer"
                            + " <key>', or as \"write_key\" in the body");
            return;
        }
        Future.fromCompletionStage(writeKeys.project(key.get()), ctx.vertx().getOrCreateContext())
                .onSuccess(
                        project -> {
                            if (project.isEmpty()) {
                                Responses.error(ctx, 401, "unknown or revoked write key");
                            } else {
                                accept(ctx, project.get(), body, json, receivedAt);
                            }
                        })
                .onFailure(
                        error -> {
                            LOG.error("write key lookup failed", error);
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
            String body,
            JsonNode json,
            Instant receivedAt) {
        String endpoint = ctx.request().path();
        List<JsonNode> incoming;
        String batchSentAt = null;
        if (json == null) {
            reject(ctx, project, endpoint, receivedAt, body, "body is not valid JSON");
            return;
        }
        if (single) {
            incoming = List.of(json);
        } else if (json.path("batch").isArray()) {
            incoming = new ArrayList<>();
            json.path("batch").forEach(incoming::add);
            batchSentAt = json.path("sent_at").isString() ? json.path("sent_at").asString() : null;
        } else {
            reject(
                    ctx,
                    project,
                    endpoint,
                    receivedAt,
                    body,
                    "body must be a JSON object with a \"batch\" array of events");
            return;
        }

        List<Event> accepted = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        ArrayNode failures = Responses.JSON.createArrayNode();
        for (int i = 0; i < incoming.size(); i++) {
            JsonNode node = incoming.get(i);
            EventReader.Result result = reader.read(node, project.id(), receivedAt, batchSentAt);
            if (result.ok()) {
                accepted.add(enrich(result.event(), project, ctx));
            } else {
                rejected.add(
                        new DeadLetter(
                                project.id(),
                                endpoint,
                                receivedAt.toEpochMilli(),
                                result.problems(),
                                node.toString()));
                ObjectNode failure = failures.addObject();
                failure.put("index", i);
                var errors = failure.putArray("errors");
                result.problems().forEach(errors::add);
            }
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        accepted.forEach(e -> sends.add(publisher.publish(e)));
        rejected.forEach(d -> sends.add(publisher.deadLetter(d)));
        Future.fromCompletionStage(
                        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(
                        done -> {
                            ObjectNode answer = Responses.JSON.createObjectNode();
                            answer.put("status", rejected.isEmpty() ? "ok" : "partial");
                            answer.put("accepted", accepted.size());
                            if (!rejected.isEmpty()) {
                                answer.put(
                                        "error",
                                        rejected.size()
                                                + " of "
                                                + incoming.size()
                                                + " events were rejected; the others were accepted");
                                answer.set("rejected", failures);
                            }
                            Responses.json(ctx, rejected.isEmpty() ? 200 : 400, answer);
                        })
                .onFailure(
                        error -> {
                            LOG.warn("Kafka did not acknowledge a batch: {}", error.toString());
                            Responses.unavailable(ctx);
                        });
    }

    /** A body that cannot be read as events still goes to the DLQ, whole. */
    private void reject(
            RoutingContext ctx,
            Projects.Project project,
            String endpoint,
            Instant receivedAt,
            String body,
            String reason) {
        Future.fromCompletionStage(
                        publisher.deadLetter(
                                new DeadLetter(
                                        project.id(),
                                        endpoint,
                                        receivedAt.toEpochMilli(),
                                        List.of(reason),
                                        body)),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(done -> Responses.error(ctx, 400, reason))
                .onFailure(error -> Responses.unavailable(ctx));
    }

    private static Event enrich(Event event, Projects.Project project, RoutingContext ctx) {
        if (event.context.userAgent.isEmpty()) {
            String agent = ctx.request().getHeader("User-Agent");
            event.context.userAgent = agent == null ? "" : agent;
        }
        String ip = event.context.ip.isEmpty() ? clientIp(ctx) : event.context.ip;
        event.context.ip = IpAnonymizer.apply(project.ipMode(), ip);
        return event;
    }

    private static String clientIp(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        return address == null || address.hostAddress() == null ? "" : address.hostAddress();
    }

    private static JsonNode parse(String body) {
        try {
            return Responses.JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Optional<String> bodyKey(JsonNode json) {
        if (json == null) {
            return Optional.empty();
        }
        for (String field : List.of("write_key", "api_key")) {
            JsonNode value = json.path(field);
            if (value.isString() && !value.asString().isBlank()) {
                return Optional.of(value.asString());
            }
        }
        return Optional.empty();
    }
}
