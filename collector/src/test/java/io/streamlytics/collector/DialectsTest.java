package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each SDK dialect, over HTTP, to the one event model on Kafka. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialectsTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private CollectorFixture fixture;

    @BeforeAll
    void start(KafkaBroker kafka, PostgresServer postgres) {
        fixture = new CollectorFixture(kafka, postgres, Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private Event sendAndFind(
            String path, Map<String, String> headers, byte[] body, String insertId)
            throws Exception {
        HttpResponse<String> response = fixture.post(path, headers, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fixture.raw(1).stream()
                .filter(e -> e.insertId.equals(insertId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event " + insertId + " on events.raw"));
    }

    private Map<String, String> basic() {
        return Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (fixture.writeKey + ":").getBytes(StandardCharsets.UTF_8)),
                "Content-Type",
                "application/json");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(utf8(text));
        }
        return bytes.toByteArray();
    }

    @Test
    void segmentTrackWithItsContext() throws Exception {
        String id = UUID.randomUUID().toString();
        Event e =
                sendAndFind(
                        "/v1/track",
                        basic(),
                        utf8(
                                """
                {"userId": "u-9", "anonymousId": "a-9", "event": "Order Completed", "messageId": "%s",
                 "timestamp": "2026-05-01T11:59:00Z", "properties": {"revenue": 39.5},
                 "context": {"ip": "8.8.4.4", "locale": "de-DE", "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                             "page": {"url": "https://shop.example/checkout?utm_source=news&utm_campaign=may", "referrer": "https://www.google.com/search"},
                             "library": {"name": "analytics.js", "version": "4.1.0"}, "screen": {"width": 1440, "height": 900}}}
                """
                                        .formatted(id)),
                        id);

        assertThat(e.event).isEqualTo("Order Completed");
        assertThat(e.distinctId).isEqualTo("u-9");
        assertThat(e.anonymousId).isEqualTo("a-9");
        assertThat(e.properties).isEqualTo("{\"revenue\":39.5}");
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-05-01T11:59:00Z").toEpochMilli());
        assertThat(e.context.locale).isEqualTo("de-DE");
        assertThat(e.context.libraryName).isEqualTo("analytics.js");
        assertThat(e.context.screenWidth).isEqualTo(1440);
        assertThat(e.context.utmSource).isEqualTo("news");
        assertThat(e.context.utmCampaign).isEqualTo("may");
        assertThat(e.context.pagePath).isEqualTo("/checkout");
        assertThat(e.context.referrerDomain).isEqualTo("google.com");
        assertThat(e.context.browser).isEqualTo("Safari");
        assertThat(e.context.os).isEqualTo("Mac OS");
        assertThat(e.context.deviceType).isEqualTo("Desktop");
        assertThat(e.context.ip).isEqualTo("8.8.4.0");
    }

    @Test
    void segmentIdentifyInABatchSetsTraits() throws Exception {
        String id = UUID.randomUUID().toString();
        Event e =
                sendAndFind(
                        "/v1/batch",
                        basic(),
                        utf8(
                                """
                {"batch": [{"type": "identify", "userId": "u-1", "messageId": "%s", "traits": {"email": "a@b.c", "plan": "pro"}}],
                 "sentAt": "2026-05-01T12:00:00Z"}
                """
                                        .formatted(id)),
                        id);

        assertThat(e.event).isEqualTo("$identify");
        assertThat(e.set).isEqualTo("{\"email\":\"a@b.c\",\"plan\":\"pro\"}");
    }

    @Test
    void posthogBatchGzippedWithKeyInTheBody() throws Exception {
        String id = UUID.randomUUID().toString();
        String body =
                """
                {"api_key": "%s", "sent_at": "2026-05-01T12:00:00Z", "batch": [
                  {"event": "$pageview", "distinct_id": "ph-1", "uuid": "%s", "timestamp": "2026-05-01T11:58:00Z",
                   "properties": {"$current_url": "https://app.example/settings", "$pathname": "/settings",
                                  "$lib": "posthog-node", "$lib_version": "4.0.0", "$set": {"name": "Ana"}, "plan": "team"}}]}
                """
                        .formatted(fixture.writeKey, id);

        Event e =
                sendAndFind(
                        "/batch/",
                        Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                        gzip(body),
                        id);

        assertThat(e.event).isEqualTo("$pageview");
        assertThat(e.distinctId).isEqualTo("ph-1");
        assertThat(e.set).isEqualTo("{\"name\":\"Ana\"}");
        assertThat(e.properties).contains("\"plan\":\"team\"").doesNotContain("$set");
        assertThat(e.context.pagePath).isEqualTo("/settings");
        assertThat(e.context.libraryName).isEqualTo("posthog-node");
    }

    @Test
    void posthogJsBeaconAsBase64FormData() throws Exception {
        String id = UUID.randomUUID().toString();
        String event =
                """
                {"event": "clicked", "properties": {"distinct_id": "ph-2", "token": "%s", "$insert_id": "%s"}, "offset": 2000}
                """
                        .formatted(fixture.writeKey, id);
        String form =
                "data="
                        + URLEncoder.encode(
                                Base64.getEncoder().encodeToString(utf8(event)),
                                StandardCharsets.UTF_8);

        Event e =
                sendAndFind(
                        "/e/?compression=base64",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        utf8(form),
                        id);

        assertThat(e.distinctId).isEqualTo("ph-2");
        assertThat(e.timestamp).isEqualTo(NOW.minusMillis(2000).toEpochMilli());
        assertThat(e.properties).doesNotContain("token");
    }

    @Test
    void mixpanelTrackAndEngage() throws Exception {
        String id = UUID.randomUUID().toString();
        String track =
                """
                [{"event": "Signed Up", "properties": {"token": "%s", "distinct_id": "mp-1", "time": 1777636740, "$insert_id": "%s", "mp_lib": "node", "source": "ads"}}]
                """
                        .formatted(fixture.writeKey, id);
        HttpResponse<String> response =
                fixture.post(
                        "/track",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        utf8(
                                "data="
                                        + URLEncoder.encode(
                                                Base64.getEncoder().encodeToString(utf8(track)),
                                                StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1");
        Event e =
                fixture.raw(1).stream()
                        .filter(x -> x.insertId.equals(id))
                        .findFirst()
                        .orElseThrow();
        assertThat(e.event).isEqualTo("Signed Up");
        assertThat(e.timestamp).isEqualTo(1777636740_000L);
        assertThat(e.properties).isEqualTo("{\"mp_lib\":\"node\",\"source\":\"ads\"}");

        HttpResponse<String> engage =
                fixture.post(
                        "/engage",
                        Map.of("Content-Type", "application/json"),
                        utf8(
                                """
                {"$token": "%s", "$distinct_id": "mp-1", "$set": {"plan": "gold"}}
                """
                                        .formatted(fixture.writeKey)));
        assertThat(engage.body()).isEqualTo("1");
        assertThat(fixture.raw(2))
                .anySatisfy(
                        x -> {
                            assertThat(x.event).isEqualTo("$identify");
                            assertThat(x.set).isEqualTo("{\"plan\":\"gold\"}");
                        });
    }

    @Test
    void amplitudeHttpApiAndBatch() throws Exception {
        for (String path : List.of("/2/httpapi", "/batch")) {
            String id = UUID.randomUUID().toString();
            Event e =
                    sendAndFind(
                            path,
                            Map.of("Content-Type", "application/json"),
                            utf8(
                                    """
                    {"api_key": "%s", "events": [{"event_type": "song_played", "device_id": "dev-1", "time": 1777636740123,
                      "session_id": 1777636700000, "insert_id": "%s", "event_properties": {"genre": "jazz"}, "user_properties": {"$setOnce": {"first": "jazz"}},
                      "language": "fr", "library": "amplitude-node/1.3.0"}]}
                    """
                                            .formatted(fixture.writeKey, id)),
                            id);

            assertThat(e.event).isEqualTo("song_played");
            assertThat(e.distinctId).isEqualTo("dev-1");
            assertThat(e.anonymousId).isEqualTo("dev-1");
            assertThat(e.timestamp).isEqualTo(1777636740123L);
            assertThat(e.setOnce).isEqualTo("{\"first\":\"jazz\"}");
            assertThat(e.context.locale).isEqualTo("fr");
            assertThat(e.context.libraryVersion).isEqualTo("1.3.0");
            assertThat(e.clientSessionId).isEqualTo("1777636700000");
        }
    }

    @Test
    void browsersMayCallFromAnyOrigin() throws Exception {
        HttpResponse<String> response =
                fixture.post(
                        "/v1/batch",
                        Map.of(
                                "Origin",
                                "https://shop.example",
                                "Content-Type",
                                "text/plain",
                                "Authorization",
                                "Bearer " + fixture.writeKey),
                        utf8("{\"batch\": [{\"event\": \"cors\", \"distinct_id\": \"u\"}]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }
}
