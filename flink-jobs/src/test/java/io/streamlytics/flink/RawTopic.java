package io.streamlytics.flink;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes events to an {@code events.raw} topic as the collector does (key project:distinct id). */
public final class RawTopic {
    private RawTopic() {}

    public static void send(String bootstrap, String topic, Collection<Event> events) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (Event e : events) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                EventCodec.toJson(e)));
            }
            producer.flush();
        }
    }
}
