package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectorTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CollectorFixture fixture;
    private String writeKey;
    private Projects projects;
    private Collector collector;
    private String rawTopic;
    private String dlqTopic;

    @BeforeAll
    void start(KafkaBroker kafka, PostgresServer postgres) {
        fixture =
                new CollectorFixture(
                        kafka,
                        postgres,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        Map.of("ANALYTICS_COLLECTOR_MAX_BATCH_BYTES", "4096"));
        writeKey = fixture.writeKey;
        projects = fixture.projects;
        collector = fixture.collector;
        rawTopic = fixture.rawTopic;
        dlqTopic = fixture.dlqTopic;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> post(Collector target, String path, String auth, String body)
            throws Exception {
        Map<String, String> headers =
                new java.util.HashMap<>(
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "User-Agent",
                                "collector-test/1.0"));
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        return fixture.post(target, path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private String basic(String key) {
        return "Basic "
                + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private List<ConsumerRecord<byte[], byte[]>> drain(String topic, int atLeast) {
        return fixture.kafka.consume(topic, atLeast, Duration.ofSeconds(15));
    }

    @Test
    void acceptsABatchAndPublishesEachEventKeyedByUser() throws Exception {
        HttpResponse<String> response =
                post(
                        collector,
                        "/v1/batch",
                        basic(writeKey),
                        """
                        {"batch": [
                           {"event": "ack_check", "distinct_id": "alice", "insert_id": "a-1", "properties": {"n": 1}},
                           {"event": "ack_check", "distinct_id": "bob", "insert_id": "b-1"}
                         ]}
                        """);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("accepted").asInt()).isEqualTo(2);
        List<Event> events =
                drain(rawTopic, 2).stream()
                        .map(r -> EventCodec.fromJson(r.value()))
                        .filter(e -> e.event.equals("ack_check"))
                        .toList();
        assertThat(events).extracting(e -> e.insertId).containsExactlyInAnyOrder("a-1", "b-1");
        Event alice =
                events.stream().filter(e -> e.distinctId.equals("alice")).findFirst().orElseThrow();
        assertThat(alice.properties).isEqualTo("{\"n\":1}");
        assertThat(alice.receivedAt).isEqualTo(NOW.toEpochMilli());
        assertThat(alice.context.userAgent).isEqualTo("collector-test/1.0");
        assertThat(alice.context.ip).isEqualTo("127.0.0.0"); // truncated by default
    }

    @Test
    void rejectsMissingUnknownAndRevokedKeysWith401() throws Exception {
        String batch = "{\"batch\": [{\"event\": \"e\", \"distinct_id\": \"u\"}]}";
        Projects.ProjectKey revoked = projects.createProject("Revoked");
        projects.revoke(revoked.writeKey());

        HttpResponse<String> missing = post(collector, "/v1/batch", null, batch);
        HttpResponse<String> unknown =
                post(collector, "/v1/batch", "Bearer wk_unknown_key_000000", batch);
        HttpResponse<String> gone = post(collector, "/v1/batch", basic(revoked.writeKey()), batch);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("missing write key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("unknown or revoked write key");
        assertThat(gone.statusCode()).isEqualTo(401);
    }

    @Test
    void malformedJsonGets400WithAReasonAndTheBodyGoesToTheDlq() throws Exception {
        HttpResponse<String> response =
                post(collector, "/v1/batch", "Bearer " + writeKey, "{\"batch\": [ {oops");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString())
                .startsWith("body is not valid JSON (line 1, column");
        assertThat(drain(dlqTopic, 1))
                .map(r -> JSON.readTree(r.value()))
                .anySatisfy(
                        letter -> {
                            assertThat(letter.path("payload").asString())
                                    .isEqualTo("{\"batch\": [ {oops");
                            assertThat(letter.path("reason").asString())
                                    .startsWith("body is not valid JSON");
                        });
    }

    @Test
    void aPartlyInvalidBatchKeepsTheValidEventsAndNamesEachFailure() throws Exception {
        HttpResponse<String> response =
                post(
                        collector,
                        "/v1/batch",
                        basic(writeKey),
                        """
                        {"batch": [
                           {"event": "partial_ok", "distinct_id": "u", "insert_id": "p-1"},
                           {"distinct_id": "u", "insert_id": "p-2"},
                           {"event": "partial_bad_time", "distinct_id": "u", "timestamp": "soon"}
                         ]}
                        """);

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("errors").get(0).asString())
                .isEqualTo("event: required");
        assertThat(answer.path("rejected").get(1).path("index").asInt()).isEqualTo(2);
        assertThat(drain(rawTopic, 1).stream().map(r -> EventCodec.fromJson(r.value()).insertId))
                .contains("p-1");
        assertThat(
                        drain(dlqTopic, 2).stream()
                                .map(r -> JSON.readTree(r.value()).path("payload").asString()))
                .anySatisfy(p -> assertThat(p).contains("p-2"))
                .anySatisfy(p -> assertThat(p).contains("partial_bad_time"));
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        String big =
                "{\"batch\": [{\"event\": \"e\", \"distinct_id\": \"u\", \"properties\": {\"x\": \""
                        + "a".repeat(5000)
                        + "\"}}]}";

        HttpResponse<String> response = post(collector, "/v1/batch", basic(writeKey), big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than this endpoint accepts");
    }

    @Test
    void whenKafkaIsUnreachableTheAnswerIs503WithRetryAfter() throws Exception {
        try (EventPublisher nowhere =
                        new EventPublisher(
                                "127.0.0.1:" + Ports.free(),
                                rawTopic,
                                dlqTopic,
                                Duration.ofSeconds(2));
                Collector offline =
                        fixture.start(nowhere, Clock.fixed(NOW, ZoneOffset.UTC), Map.of())) {
            HttpResponse<String> response =
                    post(
                            offline,
                            "/v1/batch",
                            basic(writeKey),
                            "{\"batch\": [{\"event\": \"e\", \"distinct_id\": \"u\"}]}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).doesNotContain("Exception");
        }
    }
}
