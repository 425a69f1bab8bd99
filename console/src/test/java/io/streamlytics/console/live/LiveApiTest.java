package io.streamlytics.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * The live API over HTTP, SSE and WebSocket against a running console with real PostgreSQL and
 * Redis: token checks, current values, pushed updates and resume after a reconnect.
 */
@ExtendWith({PostgresExtension.class, RedisExtension.class, KafkaExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveApiTest {
    private static PostgresServer postgres;
    private static RedisServer redisServer;
    private static KafkaBroker kafka;
    private static String database;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;

    @BeforeAll
    static void services(PostgresServer pg, RedisServer redis, KafkaBroker broker) {
        postgres = pg;
        kafka = broker;
        kafka.createTopics(1, "alerts-console-live");
        redisServer = redis;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "ANALYTICS_POSTGRES_URL",
                () ->
                        database == null
                                ? database = postgres.createDatabase("console_live")
                                : database);
        registry.add("ANALYTICS_REDIS_PORT", () -> Integer.toString(redisServer.port()));
        registry.add("ANALYTICS_KAFKA_BOOTSTRAP", () -> kafka.bootstrapServers());
        registry.add("ANALYTICS_TOPIC_ALERTS", () -> "alerts-console-live");
        registry.add("ANALYTICS_ADMIN_EMAIL", () -> "ana@example.com");
        registry.add("ANALYTICS_ADMIN_PASSWORD", () -> "correct-horse-battery");
    }

    private PostgresSettings settings() {
        return new PostgresSettings(database, postgres.user(), postgres.password());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestNeedsATokenOfTheProjectItAsksAbout() throws Exception {
        Projects projects = new Projects(settings());
        long shop = projects.createProject("Shop").projectId();
        long blog = projects.createProject("Blog").projectId();
        String token = new ApiTokens(settings()).create(shop, "test");

        HttpResponse<String> none = get("/api/v1/projects/" + shop + "/live", null);
        HttpResponse<String> wrong =
                get("/api/v1/projects/" + shop + "/live", "at_" + "0".repeat(64));
        HttpResponse<String> otherProject = get("/api/v1/projects/" + blog + "/live", token);
        HttpResponse<String> ok = get("/api/v1/projects/" + shop + "/live", token);
        HttpResponse<String> badRange =
                get("/api/v1/projects/" + shop + "/live/minutes?last=0", token);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("unknown or revoked");
        assertThat(otherProject.statusCode()).isEqualTo(403);
        assertThat(otherProject.body()).contains("belongs to project " + shop);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("eventsPerMinute")).hasSize(60);
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(badRange.body()).contains("minutes must be between 1 and 180");
    }

    @Test
    void aWebSocketClientGetsSnapshotsAndTheFeedAsTheyChange() throws Exception {
        long shop = new Projects(settings()).createProject("Shop").projectId();
        String token = new ApiTokens(settings()).create(shop, "test");
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .buildAsync(
                                URI.create(
                                        "ws://127.0.0.1:"
                                                + port
                                                + "/api/v1/projects/"
                                                + shop
                                                + "/live/ws"),
                                collector(messages))
                        .get(10, TimeUnit.SECONDS);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisServer.port())) {
            assertThat(next(messages, "snapshot")).isNotNull();

            long minute = System.currentTimeMillis() / 60_000 * 60_000;
            redis.hset(
                    LiveMetricsLayout.values(shop, minute),
                    LiveMetricsLayout.count(LiveMetricsLayout.allEvents()),
                    "42");
            redis.set(LiveMetricsLayout.HEARTBEAT, Long.toString(System.currentTimeMillis()));
            redis.xadd(
                    LiveMetricsLayout.updates(shop),
                    StreamEntryID.NEW_ENTRY,
                    Map.of("minute", Long.toString(minute)));
            redis.xadd(
                    LiveMetricsLayout.events(shop),
                    StreamEntryID.NEW_ENTRY,
                    Map.of("event", "{\"event\":\"checkout\",\"distinct_id\":\"ann\"}"));

            JsonNode feed = next(messages, "feed");
            assertThat(feed.path("events").get(0).path("event").asText()).isEqualTo("checkout");
            assertThat(feed.path("id").asText()).matches("\\d+-\\d+");
            JsonNode snapshot =
                    awaitSnapshot(messages, s -> s.path("eventsPerMinute").path(59).asLong() == 42);
            assertThat(snapshot.path("stale").asBoolean()).isFalse();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    void anEventStreamResumesAfterTheLastEventIdItSaw() throws Exception {
        long shop = new Projects(settings()).createProject("Shop").projectId();
        String token = new ApiTokens(settings()).create(shop, "test");
        String seen;
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisServer.port())) {
            seen =
                    redis.xadd(
                                    LiveMetricsLayout.events(shop),
                                    StreamEntryID.NEW_ENTRY,
                                    Map.of("event", "{\"event\":\"seen\"}"))
                            .toString();
            // sent while the client was away
            redis.xadd(
                    LiveMetricsLayout.events(shop),
                    StreamEntryID.NEW_ENTRY,
                    Map.of("event", "{\"event\":\"missed\"}"));
        }
        HttpResponse<InputStream> stream =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/api/v1/projects/"
                                                                + shop
                                                                + "/live/stream?access_token="
                                                                + token))
                                        .header("Last-Event-ID", seen)
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "feed".equals(event)) {
                    JsonNode feed = JSON.readTree(line.substring(5));
                    assertThat(feed.path("events")).hasSize(1);
                    assertThat(feed.path("events").get(0).path("event").asText())
                            .isEqualTo("missed");
                    return;
                }
            }
        }
        throw new AssertionError("the stream ended without a feed event");
    }

    private static JsonNode next(BlockingQueue<JsonNode> messages, String type)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(1, TimeUnit.SECONDS);
            if (m != null && m.path("type").asText().equals(type)) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " message within 15 s");
    }

    private static JsonNode awaitSnapshot(
            BlockingQueue<JsonNode> messages, java.util.function.Predicate<JsonNode> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(1, TimeUnit.SECONDS);
            if (m != null
                    && m.path("type").asText().equals("snapshot")
                    && wanted.test(m.path("data"))) {
                return m.path("data");
            }
        }
        throw new AssertionError("no such snapshot within 15 s");
    }

    private static WebSocket.Listener collector(BlockingQueue<JsonNode> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
