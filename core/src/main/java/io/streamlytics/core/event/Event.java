package io.streamlytics.core.event;

/**
 * One product event after collection: the record on Kafka {@code events.raw} and through the Flink
 * jobs. A plain POJO (public fields, no-arg constructor) so Flink serializes it without Kryo.
 *
 * <p>Times are epoch milliseconds, UTC. JSON-valued fields ({@link #properties}, {@link #set},
 * {@link #setOnce}) hold a JSON object as text.
 */
public class Event {
    /** Version of this record's layout on Kafka. */
    public static final int SCHEMA_VERSION = 1;

    public int v = SCHEMA_VERSION;

    /** Unique per event: from the client ({@code insert_id}, {@code messageId}) or generated. */
    public String insertId;

    public long projectId;
    public String event;
    public String distinctId;
    public String anonymousId = "";
    public String userId = "";

    /** Event time, corrected for the client's clock skew. */
    public long timestamp;

    /** Event time as the client's clock said it; 0 when not sent. */
    public long clientTimestamp;

    /** When the client sent the batch, by its clock; 0 when not sent. */
    public long sentAt;

    /** When the collector received the event, by the server's clock. */
    public long receivedAt;

    public String properties = "{}";

    /** The client's own session id ({@code properties.$session_id}); empty when it sent none. */
    public String clientSessionId = "";

    /**
     * The session the pipeline put the event in: the client's id when it sent one, else one the
     * pipeline derived. Empty on {@code events.raw}.
     */
    public String sessionId = "";

    /**
     * The person the pipeline resolved {@link #distinctId} to when the event was processed (after
     * {@code identify} or {@code alias} an anonymous id resolves to the known one). Empty on {@code
     * events.raw}.
     */
    public String personId = "";

    /** The person's properties as of this event (a JSON object); set by the pipeline. */
    public String personProperties = "{}";

    /** {@code $set}: person properties to overwrite. */
    public String set = "{}";

    /** {@code $set_once}: person properties to set only when absent. */
    public String setOnce = "{}";

    public EventContext context = new EventContext();

    /**
     * What is odd about the event, comma-separated: {@code future_timestamp}, {@code
     * old_timestamp}. Flagged events are kept; analyses may leave them out.
     */
    public String flags = "";

    public Event() {}

    /** The Kafka key: one user's events stay ordered in one partition. */
    public String partitionKey() {
        return projectId + ":" + distinctId;
    }
}
