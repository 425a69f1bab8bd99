package io.streamlytics.flink.quality;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a letter of {@code events.dlq} (the collector's rejections and the pipeline's undecodable
 * records) as a rejected {@link QualitySample}: its project, the event's name when the payload is
 * one event that has one, and the reason's category — the field it names ("timestamp: not a date"
 * counts as {@code timestamp}), so that reasons group well.
 */
public final class DeadLetterSamples implements FlatMapFunction<byte[], QualitySample> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_REASON = 60;

    @Override
    public void flatMap(byte[] letter, Collector<QualitySample> out) {
        JsonNode node;
        try {
            node = JSON.readTree(letter);
        } catch (JacksonException notALetter) {
            return; // not ours to judge: only letters are written to the DLQ
        }
        QualitySample s = new QualitySample();
        s.projectId = node.path("project_id").asLong(0);
        s.time = node.path("received_at").asLong(System.currentTimeMillis());
        s.reason = category(node.path("reason").asString(""));
        if (!"request".equals(node.path("kind").asString("event"))) {
            s.event = eventName(node);
        }
        out.collect(s);
    }

    static String category(String reason) {
        String first = reason.split("; ", 2)[0].strip();
        int colon = first.indexOf(':');
        String category = colon > 0 ? first.substring(0, colon) : first;
        if (category.isEmpty()) {
            return "unknown";
        }
        return category.length() > MAX_REASON ? category.substring(0, MAX_REASON) : category;
    }

    private static String eventName(JsonNode letter) {
        String payload = letter.path("payload").asString("");
        try {
            JsonNode event =
                    "base64".equals(letter.path("payload_encoding").asString(""))
                            ? JSON.readTree(
                                    new String(
                                            Base64.getDecoder().decode(payload),
                                            StandardCharsets.UTF_8))
                            : JSON.readTree(payload);
            for (String field : new String[] {"event", "event_type", "type"}) {
                if (event.path(field).isString() && !event.path(field).asString().isEmpty()) {
                    return event.path(field).asString();
                }
            }
        } catch (JacksonException | IllegalArgumentException unreadable) {
            // broken JSON is a common reason to be here: the event has no name we can read
        }
        return "";
    }
}
