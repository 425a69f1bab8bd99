package io.streamlytics.core.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Turns one incoming event (native JSON format) into an {@link Event}: validates it against the
 * schema, reads its times and corrects them for the client's clock skew.
 */
public final class EventReader {
    private final EventSchema schema;

    public EventReader(EventSchema schema) {
        this.schema = schema;
    }

    /** The outcome for one event: the event, or the reasons it was rejected. */
    public record Result(Event event, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * @param batchSentAt the batch's {@code sent_at}, used when the event has none; may be null
     */
    public Result read(JsonNode node, long projectId, Instant receivedAt, String batchSentAt) {
        if (node == null || !node.isObject()) {
            return new Result(null, List.of("an event must be a JSON object"));
        }
        List<String> problems = new ArrayList<>(schema.problems(node));
        long clientTimestamp = time(node.path("timestamp"), "timestamp", problems);
        JsonNode sentAtNode = node.path("sent_at");
        long sentAt =
                sentAtNode.isMissingNode() && batchSentAt != null
                        ? parseTime(batchSentAt, "sent_at", problems)
                        : time(sentAtNode, "sent_at", problems);
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }

        Event event = new Event();
        event.projectId = projectId;
        event.insertId = firstText(node, "insert_id", "messageId");
        if (event.insertId.isEmpty()) {
            event.insertId = UUID.randomUUID().toString();
        }
        event.event = node.path("event").asString();
        event.userId = id(node.path("user_id"));
        event.anonymousId = id(node.path("anonymous_id"));
        String distinctId = id(node.path("distinct_id"));
        event.distinctId =
                !distinctId.isEmpty()
                        ? distinctId
                        : !event.userId.isEmpty() ? event.userId : event.anonymousId;
        event.receivedAt = receivedAt.toEpochMilli();
        event.clientTimestamp = clientTimestamp;
        event.sentAt = sentAt;
        event.timestamp = correctedTimestamp(clientTimestamp, sentAt, event.receivedAt);
        event.properties = objectText(node.path("properties"));
        event.clientSessionId = id(node.path("properties").path("$session_id"));
        event.set = objectText(node.path("$set"));
        event.setOnce = objectText(node.path("$set_once"));
        event.context = context(node.path("context"));
        return new Result(event, List.of());
    }

    /**
     * As Segment does: when the client says when it sent the batch, the offset between its clock
     * and ours is {@code receivedAt - sentAt}; the event happened that much later by our clock.
     */
    static long correctedTimestamp(long clientTimestamp, long sentAt, long receivedAt) {
        if (clientTimestamp == 0) {
            return receivedAt;
        }
        if (sentAt == 0) {
            return clientTimestamp;
        }
        return clientTimestamp + (receivedAt - sentAt);
    }

    private static EventContext context(JsonNode node) {
        EventContext c = new EventContext();
        JsonNode page = node.path("page");
        c.pageUrl = page.path("url").asString("");
        c.pagePath = page.path("path").asString("");
        c.pageReferrer = page.path("referrer").asString("");
        c.pageTitle = page.path("title").asString("");
        c.userAgent = node.path("user_agent").asString("");
        c.ip = node.path("ip").asString("");
        c.libraryName = node.path("library").path("name").asString("");
        c.libraryVersion = node.path("library").path("version").asString("");
        c.locale = node.path("locale").asString("");
        c.screenWidth = node.path("screen").path("width").asInt(0);
        c.screenHeight = node.path("screen").path("height").asInt(0);
        JsonNode campaign = node.path("campaign");
        c.utmSource = campaign.path("source").asString("");
        c.utmMedium = campaign.path("medium").asString("");
        c.utmCampaign = campaign.path("name").asString("");
        c.utmTerm = campaign.path("term").asString("");
        c.utmContent = campaign.path("content").asString("");
        return c;
    }

    private static long time(JsonNode node, String field, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        return parseTime(node.asString(""), field, problems);
    }

    private static long parseTime(String text, String field, List<String> problems) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException again) {
                problems.add(
                        field
                                + ": '"
                                + text
                                + "' is not an ISO-8601 date-time such as 2024-05-01T12:00:00Z");
                return 0;
            }
        }
    }

    private static String id(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        return node.isString() ? node.asString() : "";
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isString() && !value.asString().isEmpty()) {
                return value.asString();
            }
        }
        return "";
    }

    private static String objectText(JsonNode node) {
        return node.isObject() ? node.toString() : "{}";
    }
}
