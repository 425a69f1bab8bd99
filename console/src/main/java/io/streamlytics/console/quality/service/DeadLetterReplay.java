package io.streamlytics.console.quality.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.concurrent.DaemonThreads;
import io.streamlytics.console.quality.domain.ReplaySummary;
import io.streamlytics.core.config.PlatformConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the dead letters for admins through the collector's {@code POST /admin/dlq/replay}: the
 * collector judges each letter with its own parsers, as {@code bin/analytics replay-dlq} does, so
 * the console carries none of them.
 */
@Service
public class DeadLetterReplay {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A replay reads every letter since the last one; a big backlog takes a while. */
    private static final Duration REPLAY = Duration.ofMinutes(10);

    private final URI endpoint;
    private final String token;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Replays asked for from pages wait here, one after the other, off the request threads. */
    private final ExecutorService background = DaemonThreads.single("dead-letter-replay");

    public DeadLetterReplay(PlatformConfig config, ProjectAccess access, AuditLog audit) {
        this.endpoint =
                URI.create(
                        config.console().effectiveCollectorUrl(config.collector().port())
                                + "/admin/dlq/replay");
        this.token = config.collector().adminToken();
        this.access = access;
        this.audit = audit;
    }

    /** Runs one replay of every project's letters written since the last replay. */
    public ReplaySummary replay(Actor actor) {
        access.requireAdmin(actor);
        if (token.isEmpty()) {
            throw new ReplayFailedException(
                    "Replay from the console is off: set ANALYTICS_COLLECTOR_ADMIN_TOKEN on the"
                            + " console and the collector, or run bin/analytics replay-dlq.");
        }
        try {
            ReplaySummary summary = ask();
            audit.record(actor, null, "replay dead letters", summary.sentence());
            return summary;
        } catch (ReplayFailedException e) {
            audit.record(actor, null, "replay dead letters", "failed: " + e.getMessage());
            throw e;
        }
    }

    /** {@link #replay} on this console's replay thread; the future fails as replay would throw. */
    public CompletableFuture<ReplaySummary> replayInBackground(Actor actor) {
        return CompletableFuture.supplyAsync(() -> replay(actor), background);
    }

    private ReplaySummary ask() {
        HttpResponse<String> answer;
        try {
            answer =
                    http.send(
                            HttpRequest.newBuilder(endpoint)
                                    .timeout(REPLAY)
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReplayFailedException(
                    "The collector at "
                            + endpoint.resolve("/")
                            + " could not be reached ("
                            + e.getClass().getSimpleName()
                            + "); check that it runs and that ANALYTICS_COLLECTOR_URL names it.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailedException("The replay was interrupted; start it again.");
        }
        JsonNode body = read(answer.body());
        if (answer.statusCode() != 200) {
            throw new ReplayFailedException(
                    "The collector did not replay (HTTP "
                            + answer.statusCode()
                            + "): "
                            + body.path("error").asString("no reason given")
                            + ".");
        }
        return new ReplaySummary(
                body.path("letters").asInt(),
                body.path("eventsReplayed").asInt(),
                body.path("stillRejected").asInt(),
                body.path("notReplayable").asInt());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
