package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.DetectionJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Detections on Kafka {@code alerts} as JSON ({@link DetectionJson}), keyed by project, rule and
 * key.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Detection> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Detection d, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, DetectionJson.key(d), DetectionJson.write(d));
    }
}
