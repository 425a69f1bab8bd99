package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input: each case gets its documented status and reason, its payload (or, when
 * too large to read, its reason) lands in events.dlq, and the collector stays healthy.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
    private static final int LIMIT = 64 * 1024;
    private CollectorFixture fixture;

    @BeforeAll
    void start(KafkaBroker kafka, PostgresServer postgres) {
        fixture =
                new CollectorFixture(
                        kafka,
                        postgres,
                        Clock.systemUTC(),
                        Map.of("ANALYTICS_COLLECTOR_MAX_BATCH_BYTES", Integer.toString(LIMIT)));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    /** A case: request, expected status, words the reason must contain. */
    record Case(
            String name,
            String path,
            Map<String, String> headers,
            byte[] body,
            int status,
            String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String extra) {
        return "{\"event\": \"e\", \"distinct_id\": \"u\", \"insert_id\": \""
                + UUID.randomUUID()
                + "\""
                + extra
                + "}";
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(data);
            }
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Stream<Arguments> cases() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        String deep = "[".repeat(100) + "]".repeat(100);
        StringBuilder manyProperties = new StringBuilder(", \"properties\": {");
        for (int i = 0; i < 1001; i++) {
            manyProperties
                    .append(i == 0 ? "" : ",")
                    .append("\"p")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        manyProperties.append('}');
        return Stream.of(
                        new Case(
                                "broken JSON",
                                "/v1/batch",
                                json,
                                utf8("{\"batch\": [ {\"event\": "),
                                400,
                                "body is not valid JSON (line 1"),
                        new Case(
                                "wrong types",
                                "/v1/batch",
                                json,
                                utf8("{\"batch\": [{\"event\": 5, \"distinct_id\": \"u\"}]}"),
                                400,
                                "event: integer found, string expected"),
                        new Case(
                                "no batch array",
                                "/v1/batch",
                                json,
                                utf8("{\"events\": []}"),
                                400,
                                "\\\"batch\\\" array"),
                        new Case(
                                "empty body", "/v1/batch", json, new byte[0], 400, "body is empty"),
                        new Case(
                                "oversized payload",
                                "/v1/batch",
                                json,
                                utf8(
                                        "{\"batch\": ["
                                                + event(
                                                        ", \"properties\": {\"x\": \""
                                                                + "a".repeat(LIMIT)
                                                                + "\"}")
                                                + "]}"),
                                413,
                                "larger than this endpoint accepts"),
                        new Case(
                                "gzip bomb",
                                "/v1/batch",
                                Map.of("Content-Encoding", "gzip"),
                                gzip(utf8("{\"batch\": [" + " ".repeat(10 * LIMIT) + "]}")),
                                413,
                                "once decompressed"),
                        new Case(
                                "event over 32 KB",
                                "/v1/batch",
                                json,
                                utf8(
                                        "{\"batch\": ["
                                                + event(
                                                        ", \"properties\": {\"x\": \""
                                                                + "a".repeat(33 * 1024)
                                                                + "\"}")
                                                + "]}"),
                                400,
                                "event is larger than 32768 bytes"),
                        new Case(
                                "bad gzip",
                                "/v1/batch",
                                Map.of("Content-Encoding", "gzip"),
                                utf8("this is not gzip"),
                                400,
                                "body is not valid gzip"),
                        new Case(
                                "unsupported encoding",
                                "/v1/batch",
                                Map.of("Content-Encoding", "br"),
                                utf8("{}"),
                                415,
                                "unsupported Content-Encoding 'br'"),
                        new Case(
                                "unknown key",
                                "/v1/batch",
                                Map.of("Authorization", "Bearer wk_nobody_has_this_key_000"),
                                utf8("{\"batch\": [" + event("") + "]}"),
                                401,
                                "unknown or revoked write key"),
                        new Case(
                                "invalid UTF-8",
                                "/v1/batch",
                                json,
                                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                                400,
                                "not valid UTF-8"),
                        new Case(
                                "deep nesting",
                                "/v1/batch",
                                json,
                                utf8("{\"batch\": " + deep + "}"),
                                400,
                                "nested deeper than 64 levels"),
                        new Case(
                                "huge property count",
                                "/v1/batch",
                                json,
                                utf8("{\"batch\": [" + event(manyProperties.toString()) + "]}"),
                                400,
                                "properties: must have at most 1000 properties"),
                        new Case(
                                "form without data",
                                "/track",
                                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                                utf8("ip=1"),
                                400,
                                "no 'data' field"),
                        new Case(
                                "Segment call without type",
                                "/v1/batch",
                                json,
                                utf8("{\"batch\": [{\"type\": \"teleport\", \"userId\": \"u\"}]}"),
                                400,
                                "is not a Segment call type"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void getsItsStatusAndReasonAndLandsInTheDlq(Case c) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(c.headers());
        headers.putIfAbsent("Authorization", "Bearer " + fixture.writeKey);
        HttpResponse<String> response = fixture.post(c.path(), headers, c.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.body()).contains(c.reason()).doesNotContain("Exception", "\tat ");
        String reason = c.reason().replace("\\\"", "\"");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .alias("a dead letter whose reason contains '" + reason + "'")
                .until(
                        () ->
                                fixture.deadLetters(1).stream()
                                        .map(letter -> letter.path("reason").asString())
                                        .anyMatch(r -> r.contains(reason)));
        assertThat(fixture.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
        assertThat(
                        fixture.post(
                                        "/v1/batch",
                                        Map.of("Authorization", "Bearer " + fixture.writeKey),
                                        utf8("{\"batch\": [" + event("") + "]}"))
                                .statusCode())
                .isEqualTo(200);
    }
}
