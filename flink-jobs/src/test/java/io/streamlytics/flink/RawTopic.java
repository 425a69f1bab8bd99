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
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
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

    /** One record that is not an event at all, as a broken producer might write. */
    public static void sendBytes(String bootstrap, String topic, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, "x".getBytes(StandardCharsets.UTF_8), value));
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
