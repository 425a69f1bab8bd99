package io.streamlytics.flink.pipeline.records;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events on {@code events.enriched}, keyed like {@code events.raw} so a user's events stay in
 * order.
 */
public final class EnrichedEventSerializer implements KafkaRecordSerializationSchema<Event> {
    private final String topic;

    public EnrichedEventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Event event, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                event.partitionKey().getBytes(StandardCharsets.UTF_8),
                EventCodec.toJson(event));
    }
}
