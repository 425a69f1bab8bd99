package io.streamlytics.flink.metrics;

import io.streamlytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * What the Metrics job needs of an event, and nothing else: it crosses a shuffle, and serializing
 * the whole {@link Event} (user agent, URLs, UTM fields, person properties, ...) was the job's
 * largest cost after JSON decoding.
 */
public class MetricEvent {
    private static final long HASH_SEED = 0x5eed;
    private static final XXHash64 HASH = XXHashFactory.fastestInstance().hash64();

    public long projectId;
    public String event;
    public String distinctId;

    /**
     * A 64-bit hash of the insert id: enough to recognise a repeat among a user's recent events.
     */
    public long insertIdHash;

    public long timestamp;
    public String country;
    public String device;

    /** The page path, else the page title, else "". */
    public String page;

    /** The event's properties JSON, for the breakdowns and measures a project defines. */
    public String properties;

    public MetricEvent() {}

    public static MetricEvent of(Event e) {
        MetricEvent m = new MetricEvent();
        m.projectId = e.projectId;
        m.event = e.event;
        m.distinctId = e.distinctId == null ? "" : e.distinctId;
        m.insertIdHash = hashOf(e.insertId == null ? "" : e.insertId);
        m.timestamp = e.timestamp;
        m.country = nonNull(e.context.country);
        m.device = nonNull(e.context.deviceType);
        String path = nonNull(e.context.pagePath);
        m.page = path.isEmpty() ? nonNull(e.context.pageTitle) : path;
        m.properties = e.properties == null ? "{}" : e.properties;
        return m;
    }

    /** The 64-bit hash kept for an insert id. */
    static long hashOf(String insertId) {
        byte[] id = insertId.getBytes(StandardCharsets.UTF_8);
        return HASH.hash(id, 0, id.length, HASH_SEED);
    }

    /** The key of a user's events: {@code project:distinct_id}, as Kafka's record key. */
    public String userKey() {
        return projectId + ":" + distinctId;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
