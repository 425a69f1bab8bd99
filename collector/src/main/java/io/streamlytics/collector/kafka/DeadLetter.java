package io.streamlytics.collector.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rejected event or request on {@code events.dlq}: why, from where, and the payload as received,
 * so it can be replayed once the cause is fixed. Payloads that are not text are kept in base64;
 * payloads over {@link #MAX_PAYLOAD_BYTES} are cut (and say so), since Kafka's default message
 * limit is 1 MB.
 */
public record DeadLetter(
        long projectId,
        String endpoint,
        long receivedAt,
        List<String> reasons,
        byte[] payload,
        boolean payloadIsText) {
    public static final int MAX_PAYLOAD_BYTES = 512 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static DeadLetter ofText(
            long projectId,
            String endpoint,
            long receivedAt,
            List<String> reasons,
            String payload) {
        return new DeadLetter(
                projectId,
                endpoint,
                receivedAt,
                reasons,
                payload.getBytes(StandardCharsets.UTF_8),
                true);
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("project_id", projectId);
        node.put("endpoint", endpoint);
        node.put("received_at", receivedAt);
        node.put("reason", String.join("; ", reasons));
        var array = node.putArray("reasons");
        reasons.forEach(array::add);
        boolean truncated = payload.length > MAX_PAYLOAD_BYTES;
        byte[] kept = truncated ? java.util.Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload;
        if (payloadIsText && !truncated) {
            node.put("payload", new String(kept, StandardCharsets.UTF_8));
        } else {
            node.put("payload_encoding", "base64");
            node.put("payload", Base64.getEncoder().encodeToString(kept));
        }
        node.put("payload_truncated", truncated);
        return JSON.writeValueAsBytes(node);
    }
}
