package io.streamlytics.flink.metrics;

import io.streamlytics.core.event.Event;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code events.raw} records ({@link io.streamlytics.core.event.EventCodec}'s layout)
 * straight into {@link MetricEvent}s with a streaming parser that skips every field metrics do not
 * use: decoding whole events was the Metrics job's largest cost. Decoding in the source also lets
 * watermarks be made per Kafka partition. Records that are not events of a known version are
 * skipped; the event pipeline sends them to the DLQ.
 */
final class MetricEventDeserializer implements KafkaRecordDeserializationSchema<MetricEvent> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MetricEvent> out) {
        MetricEvent e = decode(record.value());
        if (e != null) {
            out.collect(e);
        }
    }

    /** The event, or null when the bytes are not an event record of a known version. */
    static MetricEvent decode(byte[] json) {
        if (json == null) {
            return null;
        }
        MetricEvent e = new MetricEvent();
        e.country = "";
        e.device = "";
        e.page = "";
        e.properties = "{}";
        String pageTitle = "";
        String insertId = null;
        int version = -1;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "v" -> version = p.getIntValue();
                    case "insertId" -> insertId = p.getString();
                    case "projectId" -> e.projectId = p.getLongValue();
                    case "event" -> e.event = p.getString();
                    case "distinctId" -> e.distinctId = p.getString();
                    case "timestamp" -> e.timestamp = p.getLongValue();
                    case "properties" -> e.properties = text(p, value, "{}");
                    case "context" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String field = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (field) {
                                case "country" -> e.country = text(p, v, "");
                                case "deviceType" -> e.device = text(p, v, "");
                                case "pagePath" -> e.page = text(p, v, "");
                                case "pageTitle" -> pageTitle = text(p, v, "");
                                default -> p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException | IllegalArgumentException broken) {
            return null;
        }
        if (version != Event.SCHEMA_VERSION
                || insertId == null
                || e.event == null
                || e.distinctId == null) {
            return null;
        }
        if (e.page.isEmpty()) {
            e.page = pageTitle;
        }
        e.insertIdHash = MetricEvent.hashOf(insertId);
        return e;
    }

    private static String text(JsonParser p, JsonToken token, String fallback) {
        if (token == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        p.skipChildren();
        return fallback;
    }

    @Override
    public TypeInformation<MetricEvent> getProducedType() {
        return TypeInformation.of(MetricEvent.class);
    }
}
