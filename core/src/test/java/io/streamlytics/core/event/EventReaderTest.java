package io.streamlytics.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventReaderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECEIVED = Instant.parse("2026-05-01T12:00:10Z");

    private final EventReader reader = new EventReader(EventSchema.load());

    private EventReader.Result read(String json) {
        JsonNode node = JSON.readTree(json);
        return reader.read(node, 7, RECEIVED, null);
    }

    @Test
    void readsAFullEvent() {
        EventReader.Result result =
                read(
                        """
                        {"event": "page_view", "distinct_id": "u1", "insert_id": "i-1",
                         "timestamp": "2026-05-01T12:00:00Z",
                         "properties": {"plan": "pro", "n": 3},
                         "$set": {"email": "a@b.c"}, "$set_once": {"first_seen": "today"},
                         "context": {"page": {"url": "https://x.io/a?utm_source=g", "path": "/a",
                                              "referrer": "https://google.com", "title": "A"},
                                     "user_agent": "Mozilla/5.0", "ip": "1.2.3.4",
                                     "library": {"name": "web", "version": "1.0"},
                                     "locale": "en-US", "screen": {"width": 1280, "height": 720},
                                     "campaign": {"source": "g", "medium": "cpc", "name": "spring"}}}
                        """);

        assertThat(result.problems()).isEmpty();
        Event e = result.event();
        assertThat(e.projectId).isEqualTo(7);
        assertThat(e.insertId).isEqualTo("i-1");
        assertThat(e.distinctId).isEqualTo("u1");
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli());
        assertThat(e.receivedAt).isEqualTo(RECEIVED.toEpochMilli());
        assertThat(e.properties).isEqualTo("{\"plan\":\"pro\",\"n\":3}");
        assertThat(e.set).isEqualTo("{\"email\":\"a@b.c\"}");
        assertThat(e.setOnce).contains("first_seen");
        assertThat(e.context.pagePath).isEqualTo("/a");
        assertThat(e.context.screenWidth).isEqualTo(1280);
        assertThat(e.context.utmCampaign).isEqualTo("spring");
        assertThat(e.context.libraryName).isEqualTo("web");
    }

    @Test
    void theClientsSessionIdIsKept() {
        assertThat(
                        read("{\"event\": \"e\", \"distinct_id\": \"u\","
                                        + " \"properties\": {\"$session_id\": \"s-9\"}}")
                                .event()
                                .clientSessionId)
                .isEqualTo("s-9");
        assertThat(read("{\"event\": \"e\", \"distinct_id\": \"u\"}").event().clientSessionId)
                .isEmpty();
    }

    @Test
    void clientClockSkewIsCorrectedFromSentAt() {
        // the client's clock is 60 s behind ours: it sent at 11:59:10 (its time), we got it at
        // 12:00:10
        EventReader.Result result =
                read(
                        """
                        {"event": "e", "distinct_id": "u", "timestamp": "2026-05-01T11:59:00Z",
                         "sent_at": "2026-05-01T11:59:10Z"}
                        """);

        assertThat(result.event().timestamp)
                .isEqualTo(Instant.parse("2026-05-01T12:00:00Z").toEpochMilli());
        assertThat(result.event().clientTimestamp)
                .isEqualTo(Instant.parse("2026-05-01T11:59:00Z").toEpochMilli());
    }

    @Test
    void missingTimestampMeansReceivedNowAndMissingInsertIdIsGenerated() {
        EventReader.Result result = read("{\"event\": \"e\", \"user_id\": 42}");

        assertThat(result.event().timestamp).isEqualTo(RECEIVED.toEpochMilli());
        assertThat(result.event().distinctId).isEqualTo("42");
        assertThat(result.event().insertId).hasSize(36);
    }

    @Test
    void problemsNameTheField() {
        assertThat(read("{\"distinct_id\": \"u\"}").problems())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("event");
        assertThat(read("{\"event\": \"e\"}").problems()).isNotEmpty();
        assertThat(read("{\"event\": 5, \"distinct_id\": \"u\"}").problems())
                .anySatisfy(p -> assertThat(p).contains("event"));
        assertThat(
                        read("{\"event\": \"e\", \"distinct_id\": \"u\", \"timestamp\": \"yesterday\"}")
                                .problems())
                .containsExactly(
                        "timestamp: 'yesterday' is not an ISO-8601 date-time such as 2024-05-01T12:00:00Z");
        assertThat(
                        read("{\"event\": \"e\", \"distinct_id\": \"u\", \"properties\": [1]}")
                                .problems())
                .anySatisfy(p -> assertThat(p).contains("properties"));
        assertThat(read("[1,2]").problems()).containsExactly("an event must be a JSON object");
    }

    @Test
    void kafkaRecordsRoundTrip() {
        Event e =
                read("{\"event\": \"e\", \"distinct_id\": \"u\", \"properties\": {\"a\": [1, 2]}}")
                        .event();

        Event back = EventCodec.fromJson(EventCodec.toJson(e));

        assertThat(back).usingRecursiveComparison().isEqualTo(e);
        assertThat(back.partitionKey()).isEqualTo("7:u");
    }
}
