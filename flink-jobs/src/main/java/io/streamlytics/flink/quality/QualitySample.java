package io.streamlytics.flink.quality;

import io.streamlytics.core.event.Event;

/**
 * What the data-quality check needs of one event, accepted or rejected. A POJO, so Flink serializes
 * it without Kryo.
 */
public class QualitySample {
    /** Fields whose emptiness is measured, in the order of {@link #emptyFields}' bits. */
    public static final String[] KEY_FIELDS = {
        "user_id", "anonymous_id", "session_id", "page_url", "user_agent", "ip"
    };

    public long projectId;
    public String event = "";

    /** Event time of an accepted event; receive time of a rejected one. */
    public long time;

    /** Empty for an accepted event; for a rejected one, what was wrong (the field, if named). */
    public String reason = "";

    /** The properties of an accepted event (a JSON object). */
    public String properties = "{}";

    /** Bit {@code i} set when {@code KEY_FIELDS[i]} was empty. */
    public int emptyFields;

    public QualitySample() {}

    public boolean valid() {
        return reason.isEmpty();
    }

    public static QualitySample of(Event e) {
        QualitySample s = new QualitySample();
        s.projectId = e.projectId;
        s.event = e.event;
        s.time = e.timestamp;
        s.properties = e.properties;
        String[] values = {
            e.userId,
            e.anonymousId,
            e.clientSessionId,
            e.context.pageUrl,
            e.context.userAgent,
            e.context.ip
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].isEmpty()) {
                s.emptyFields |= 1 << i;
            }
        }
        return s;
    }
}
