package io.streamlytics.launcher.bench;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A Kafka producer for filling a topic fast before a benchmark: large LZ4 batches, acks=all. */
final class BulkProducer {
    private BulkProducer() {}

    static KafkaProducer<byte[], byte[]> open(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "acks",
                        "all",
                        "linger.ms",
                        20,
                        "batch.size",
                        256 * 1024,
                        "compression.type",
                        "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
