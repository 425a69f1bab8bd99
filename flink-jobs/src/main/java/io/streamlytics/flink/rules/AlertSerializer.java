package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Detection;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Detections on Kafka {@code alerts} as JSON, keyed by project, rule and key so that one alert's
 * firing and resolution stay in order:
 *
 * <pre>{"project_id": 1, "rule_id": "cart-abandoned", "rule_version": 2, "key": "ann",
 * "at": 1793617800000, "state": "firing", "value": 0, "summary": "…",
 * "steps": [{"name": "cart", "insert_ids": ["a1"], "timestamps": [1793613600000]}]}</pre>
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Detection> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Detection d, KafkaSinkContext context, Long timestamp) {
        ObjectNode json = JSON.createObjectNode();
        json.put("project_id", d.projectId);
        json.put("rule_id", d.ruleId);
        json.put("rule_version", d.ruleVersion);
        json.put("key", d.key);
        json.put("at", d.at);
        json.put("state", d.firing ? "firing" : "resolved");
        json.put("value", d.value);
        json.put("summary", d.summary);
        ArrayNode steps = json.putArray("steps");
        for (Detection.MatchedStep s : d.steps) {
            ObjectNode step = steps.addObject();
            step.put("name", s.name);
            s.insertIds.forEach(step.putArray("insert_ids")::add);
            s.timestamps.forEach(step.putArray("timestamps")::add);
        }
        String key = d.projectId + ":" + d.ruleId + ":" + d.key;
        return new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
