package io.streamlytics.flink.identity;

import io.streamlytics.core.event.Event;

/**
 * What the identity operator receives for one distinct id: an event of that id, or the news that
 * the id now belongs to another person ({@link #mergeInto}). A POJO, so Flink serializes it without
 * Kryo.
 */
public class IdentityMessage {
    public long projectId;
    public String distinctId;

    /** The event, or null for a merge. */
    public Event event;

    /** For a merge: the distinct id whose person {@link #distinctId} joins. */
    public String mergeInto;

    public IdentityMessage() {}

    public static IdentityMessage of(Event event) {
        IdentityMessage m = new IdentityMessage();
        m.projectId = event.projectId;
        m.distinctId = event.distinctId;
        m.event = event;
        return m;
    }

    public static IdentityMessage merge(long projectId, String distinctId, String into) {
        IdentityMessage m = new IdentityMessage();
        m.projectId = projectId;
        m.distinctId = distinctId;
        m.mergeInto = into;
        return m;
    }

    /** Keys the identity operator: one distinct id of one project. */
    public static String key(IdentityMessage message) {
        return message.projectId + ":" + message.distinctId;
    }
}
