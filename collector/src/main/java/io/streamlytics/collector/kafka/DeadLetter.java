package io.streamlytics.collector.kafka;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rejected event (or request body) on {@code events.dlq}: why, from where, and the payload
 * exactly as received, so it can be replayed once the cause is fixed.
 */
public record DeadLetter(
        long projectId, String endpoint, long receivedAt, List<String> reasons, String payload) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("project_id", projectId);
        node.put("endpoint", endpoint);
        node.put("received_at", receivedAt);
        node.put("reason", String.join("; ", reasons));
        var array = node.putArray("reasons");
        reasons.forEach(array::add);
        node.put("payload", payload);
        return JSON.writeValueAsBytes(node);
    }
}
