package io.streamlytics.core.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rejected event or request on {@code events.dlq}: why, from where, and the payload as received,
 * so it can be replayed once the cause is fixed. Payloads that are not text are kept in base64;
 * payloads over {@link #MAX_PAYLOAD_BYTES} are cut (and say so), since Kafka's default message
 * limit is 1 MB.
 */
public record DeadLetter(
        Kind kind,
        long projectId,
        String endpoint,
        long receivedAt,
        List<String> reasons,
        byte[] payload,
        boolean payloadIsText,
        boolean cutBefore,
        int replays) {
    public static final int MAX_PAYLOAD_BYTES = 512 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The consumer group whose committed offsets are the replay's progress: what the replay reads
     * next, and what the console counts as waiting for it.
     */
    public static final String REPLAY_GROUP = "dlq-replay";

    /** What the payload is: one event of a request, or a whole request body. */
    public enum Kind {
        EVENT,
        REQUEST
    }

    public static DeadLetter ofEvent(
            long projectId, String endpoint, long receivedAt, List<String> reasons, String event) {
        return new DeadLetter(
                Kind.EVENT,
                projectId,
                endpoint,
                receivedAt,
                reasons,
                event.getBytes(StandardCharsets.UTF_8),
                true,
                false,
                0);
    }

    public static DeadLetter ofRequest(
            long projectId, String endpoint, long receivedAt, List<String> reasons, byte[] body) {
        return new DeadLetter(
                Kind.REQUEST,
                projectId,
                endpoint,
                receivedAt,
                reasons,
                body,
                isUtf8(body),
                false,
                0);
    }

    /** This letter after one more failed replay. */
    public DeadLetter replayedWith(List<String> newReasons) {
        return new DeadLetter(
                kind,
                projectId,
                endpoint,
                receivedAt,
                newReasons,
                payload,
                payloadIsText,
                cutBefore,
                replays + 1);
    }

    /** This letter counted as replayed {@code count} times. */
    public DeadLetter withReplays(int count) {
        return new DeadLetter(
                kind,
                projectId,
                endpoint,
                receivedAt,
                reasons,
                payload,
                payloadIsText,
                cutBefore,
                count);
    }

    /** Whether the payload is not whole (cut here or before): such a letter cannot be replayed. */
    public boolean truncated() {
        return cutBefore || payload.length > MAX_PAYLOAD_BYTES;
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("kind", kind.name().toLowerCase(Locale.ROOT));
        node.put("project_id", projectId);
        node.put("endpoint", endpoint);
        node.put("received_at", receivedAt);
        node.put("reason", String.join("; ", reasons));
        var array = node.putArray("reasons");
        reasons.forEach(array::add);
        node.put("replays", replays);
        byte[] kept = truncated() ? Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload;
        if (payloadIsText && !truncated()) {
            node.put("payload", new String(kept, StandardCharsets.UTF_8));
        } else {
            node.put("payload_encoding", "base64");
            node.put("payload", Base64.getEncoder().encodeToString(kept));
        }
        node.put("payload_truncated", truncated());
        return JSON.writeValueAsBytes(node);
    }

    /** Reads a letter back from {@code events.dlq}. */
    public static DeadLetter fromJson(byte[] json) {
        JsonNode node = JSON.readTree(json);
        boolean base64 = "base64".equals(node.path("payload_encoding").asString(""));
        byte[] payload =
                base64
                        ? Base64.getDecoder().decode(node.path("payload").asString(""))
                        : node.path("payload").asString("").getBytes(StandardCharsets.UTF_8);
        List<String> reasons = new java.util.ArrayList<>();
        node.path("reasons").forEach(r -> reasons.add(r.asString()));
        Kind kind =
                "request".equals(node.path("kind").asString("event")) ? Kind.REQUEST : Kind.EVENT;
        return new DeadLetter(
                kind,
                node.path("project_id").asLong(),
                node.path("endpoint").asString(""),
                node.path("received_at").asLong(),
                reasons,
                payload,
                !base64,
                node.path("payload_truncated").asBoolean(false),
                node.path("replays").asInt());
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
